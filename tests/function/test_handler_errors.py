"""Invocations that fail as a whole: one clear error naming the parameter, the event key or the variable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from ecr_mirror.errors import ConfigError
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.events import EventError
from ecr_mirror.function.image_lists import load_parameter_lists

from .conftest import Invoke
from .helpers import PARAMETER, SCHEDULED_EVENT

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning")
NOWHERE = "127.0.0.1:9"  # never contacted: these invocations fail before any registry request


def test_a_missing_parameter_fails_the_invocation_naming_it(
    function_env: Callable[[str, str], None], invoke: Invoke
) -> None:
    function_env(NOWHERE, NOWHERE)
    with pytest.raises(ConfigError, match=f"SSM parameter {PARAMETER} does not exist") as caught:
        invoke(SCHEDULED_EVENT)
    # The fix, with the tier: without it put-parameter uses the account's default tier (Standard, 4 KB).
    assert str(caught.value).endswith(
        f"create it: aws ssm put-parameter --name {PARAMETER} --type String --tier Intelligent-Tiering "
        "--value file://images.txt"
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [("# nothing to mirror yet\n\n", "names no images"), ("   \n", "is empty")],
)
def test_an_empty_parameter_fails_the_invocation_naming_it(
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    text: str,
    why: str,
) -> None:
    function_env(NOWHERE, NOWHERE)
    put_list(text)
    with pytest.raises(ConfigError, match=f"SSM parameter {PARAMETER} {why}") as caught:
        invoke(SCHEDULED_EVENT)
    assert "--tier Intelligent-Tiering" in str(caught.value)


def test_without_the_parameter_variable_the_error_names_the_variable(
    aws: None, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    monkeypatch.delenv("ECR_MIRROR_IMAGES_PARAMETER", raising=False)
    with pytest.raises(ConfigError, match="ECR_MIRROR_IMAGES_PARAMETER is not set"):
        invoke(SCHEDULED_EVENT)


@pytest.mark.parametrize(
    ("event", "pattern"),
    [
        ({"images": "alpine:3.20"}, r"event key 'images' must be a list of image references, not a string"),
        ({"images": []}, r"event key 'images' is an empty list"),
        ({"images": ["alpine:3.20", 7]}, r"event key 'images'\[1\] must be a string, not a number"),
        ({"images": ["alpine:3.20\nbusybox"]}, r"event key 'images'\[0\] must be one image reference"),
        ({"dry_run": "yes"}, r"event key 'dry_run' must be true or false, not a string"),
        ({"concurrency": 0}, r"event key 'concurrency' must be a whole number from 1 to 16"),
        ({"concurrency": True}, r"event key 'concurrency'"),
        ({"key1": "value1", "key2": "value2"}, r"unknown event key\(s\) 'key1', 'key2'; accepted keys: images"),
        (["alpine:3.20"], r"the event must be a JSON object, not a list"),
    ],
)
def test_an_invalid_manual_event_fails_naming_the_key(aws: None, invoke: Invoke, event: Any, pattern: str) -> None:
    with pytest.raises(EventError, match=pattern):
        invoke(event)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ECR_MIRROR_RATE_LIMIT_RESERVE", "ten"),
        ("ECR_MIRROR_TIME_MARGIN_SECONDS", "-5"),
        ("ECR_MIRROR_UNTAGGED_KEEP", "-1"),
        ("ECR_MIRROR_ENCRYPTION", "ROT13"),
        ("ECR_MIRROR_REPOSITORY_PREFIX", "Mirror Images"),
        ("ECR_MIRROR_ENDPOINTS", '["docker.io"]'),
        ("ECR_MIRROR_ENDPOINTS", '{"docker.io": "http://127.0.0.1:5000"}'),
        ("ECR_MIRROR_PLAIN_HTTP", "maybe"),
    ],
)
def test_a_bad_setting_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        FunctionSettings.from_environment({name: value})


def test_settings_defaults_and_values() -> None:
    assert FunctionSettings.from_environment({}) == FunctionSettings()
    settings = FunctionSettings.from_environment(
        {
            "ECR_MIRROR_IMAGES_PARAMETER": "/x/images",
            "ECR_MIRROR_REPOSITORY_PREFIX": "/hub-cache/",
            "ECR_MIRROR_UNTAGGED_KEEP": "3",
            "ECR_MIRROR_ENCRYPTION": "kms",
            "ECR_MIRROR_RATE_LIMIT_RESERVE": "0",
            "ECR_MIRROR_TIME_MARGIN_SECONDS": "120",
            "ECR_MIRROR_ENDPOINTS": '{"index.docker.io": "127.0.0.1:5000"}',
            "ECR_MIRROR_PLAIN_HTTP": "true",
        }
    )
    assert (settings.parameter_name, settings.prefix) == ("/x/images", "hub-cache")
    assert (settings.repository.untagged_keep, settings.repository.encryption) == (3, "KMS")
    assert (settings.rate_limit_reserve, settings.time_margin, settings.plain_http) == (0, 120.0, True)
    assert settings.endpoints == {"docker.io": "127.0.0.1:5000"}


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (
            "AccessDeniedException",
            "the function's role reads only the parameter and path it was deployed with: deploy the stack "
            "with -c parameterName=/ecr-mirror/images",
        ),
        ("ThrottlingException", "SSM throttled the read: the next run reads it again"),
    ],
)
def test_an_ssm_error_reading_the_list_names_the_parameter_and_the_fix(code: str, fix: str) -> None:
    ssm = boto3.client("ssm", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(ssm) as stub:
        stub.add_client_error("get_parameter", service_error_code=code, service_message="no")
        with pytest.raises(ConfigError) as caught:
            load_parameter_lists(ssm, PARAMETER, None)
    assert str(caught.value) == f"cannot read SSM parameter {PARAMETER}: {code}: no; {fix}"
