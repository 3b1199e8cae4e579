"""Fixtures for the CDK stack tests: a factory, and the default stack and template built once."""

from __future__ import annotations

import pytest
from aws_cdk.assertions import Template

from infra import EcrMirrorStack
from tests.infra.stack_support import make_stack


@pytest.fixture(scope="session")
def default_stack() -> EcrMirrorStack:
    return make_stack()


@pytest.fixture(scope="session")
def default_template(default_stack: EcrMirrorStack) -> Template:
    return Template.from_stack(default_stack)
