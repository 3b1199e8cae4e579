#!/usr/bin/env python3
"""CDK entry point: one stack, EcrMirror, checked by cdk-nag's AWS Solutions pack. Settings: see cdk.json."""

from __future__ import annotations

import sys
from pathlib import Path

# The stack reads images.txt with the function's own parser and naming (lambda/ecr_mirror), which is
# not an installed package here; pytest and mypy get the same directory from pyproject.toml instead.
sys.path.insert(0, str(Path(__file__).resolve().parent / "lambda"))

from aws_cdk import App, Validations
from cdk_nag import AwsSolutionsChecks

from infra import EcrMirrorStack, Settings

app = App()
EcrMirrorStack(
    app,
    "EcrMirror",
    settings=Settings.from_context(app.node.try_get_context),
    description="ecr-mirror: mirrors public container images into ECR",
)
Validations.of(app).add_plugins(AwsSolutionsChecks(app, verbose=True))
app.synth()
