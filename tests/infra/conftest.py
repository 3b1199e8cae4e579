"""Fixtures for the CDK stack tests: a factory, the default stack and template built once, and the function's
bundle built once.

The bundle (real pip against the package index, then byte-compiling for CPython 3.13) takes half a minute: the
two tests that read it are in the xdist group "lambda-bundle", which `--dist loadgroup` (scripts/test.sh) runs on
one worker, so it is built once per run. Under another distribution each worker running one of them builds its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from aws_cdk import DockerImage
from aws_cdk.assertions import Template

from infra import EcrMirrorStack
from infra.bundling import LAMBDA_DIR, LocalPipBundling
from tests.infra.stack_support import make_stack


@pytest.fixture(scope="session")
def default_stack() -> EcrMirrorStack:
    return make_stack()


@pytest.fixture(scope="session")
def default_template(default_stack: EcrMirrorStack) -> Template:
    return Template.from_stack(default_stack)


@pytest.fixture(scope="session")
def lambda_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The function's asset as LocalPipBundling writes it (what `cdk synth` uploads), built once per session.

    The tests reading it must not change it."""
    output = tmp_path_factory.mktemp("lambda-bundle")
    bundled = LocalPipBundling(LAMBDA_DIR).try_bundle(str(output), image=DockerImage.from_registry("unused"))
    assert bundled is True
    return output
