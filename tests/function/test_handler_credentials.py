"""Docker Hub credentials come from Secrets Manager, are used at the token server, and never reach the logs."""

from __future__ import annotations

import base64
import json
import logging
import secrets
from collections.abc import Callable, Iterator

import boto3
import pytest

from ecr_mirror.errors import ConfigError
from ecr_mirror.function import observability
from ecr_mirror.lab.images import docker_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer

from .conftest import Invoke
from .helpers import SCHEDULED_EVENT, target_digest

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning")
HUB_USER = "hubuser"
SECRET_NAME = "ecr-mirror/docker-hub"


@pytest.fixture
def debug_logging() -> Iterator[None]:
    """Everything at DEBUG, so a leak anywhere in the function's or the engine's logging would show."""
    observability.configure_logging()  # first, so the invocation does not reset the levels set here
    loggers = [logging.getLogger(n) for n in ("ecr-mirror", "ecr_mirror", "httpx", "httpcore")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    yield
    for lg, level in zip(loggers, levels, strict=True):
        lg.setLevel(level)


def _secret(value: dict[str, str]) -> str:
    arn: str = boto3.client("secretsmanager").create_secret(Name=SECRET_NAME, SecretString=json.dumps(value))["ARN"]
    return arn


def test_docker_hub_secret_is_used_and_never_logged(
    token_server_factory: Callable[..., TokenServer],
    registry_factory: Callable[..., LocalRegistry],
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    debug_logging: None,
) -> None:
    token = "dckr_pat_" + secrets.token_urlsafe(24)
    tokens = token_server_factory(users={HUB_USER: token}, public=())  # no anonymous pulls at this "Docker Hub"
    hub = registry_factory(token=tokens)
    pushed = push_image(hub, "library/alpine", docker_image(seed="handler-secret"), tags=["3.20"])
    function_env(hub.host, ecr_registry.host)
    put_list("alpine:3.20\n")
    secret_arn = _secret({"username": HUB_USER, "accessToken": token})
    caplog.set_level(logging.DEBUG)  # the root logger too: botocore's DEBUG lines would print the secret

    anonymous = invoke(SCHEDULED_EVENT)
    assert anonymous["images"][0]["status"] == "failed"
    assert "no credentials are configured" in anonymous["images"][0]["error"]

    tokens.reset()
    monkeypatch.setenv("ECR_MIRROR_DOCKER_HUB_SECRET", secret_arn)
    out = invoke(SCHEDULED_EVENT)

    assert out["images"][0]["status"] == "copied", out
    assert target_digest(ecr_registry, "library/alpine:3.20") == pushed.digest
    assert {r.username for r in tokens.requests} == {HUB_USER}
    captured = capsys.readouterr()
    basic = base64.b64encode(f"{HUB_USER}:{token}".encode()).decode()
    for where, text in {
        "stdout": captured.out,
        "stderr": captured.err,
        "caplog": caplog.text,
        "result": json.dumps([anonymous, out]),
    }.items():
        assert text.strip() or where == "stderr", f"nothing captured in {where}"
        assert token not in text, f"the Docker Hub token leaked into {where}"
        assert basic not in text, f"the Basic credentials leaked into {where}"
    assert "using Docker Hub credentials from Secrets Manager" in captured.out
    assert any(r.levelno == logging.DEBUG and r.name.startswith("httpcore") for r in caplog.records)


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ({"username": HUB_USER, "token": "x-secret-value"}, r"lacks non-empty string key\(s\) 'accessToken'"),
        ({"accessToken": "x-secret-value"}, r"lacks non-empty string key\(s\) 'username'"),
        ("x-secret-value", r"is not JSON"),
    ],
)
def test_a_malformed_secret_fails_naming_the_key_but_not_the_value(
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    value: dict[str, str] | str,
    pattern: str,
) -> None:
    function_env("127.0.0.1:9", "127.0.0.1:9")
    put_list("alpine:3.20\n")
    text = value if isinstance(value, str) else json.dumps(value)
    boto3.client("secretsmanager").create_secret(Name=SECRET_NAME, SecretString=text)
    monkeypatch.setenv("ECR_MIRROR_DOCKER_HUB_SECRET", SECRET_NAME)
    with pytest.raises(ConfigError, match=pattern) as caught:
        invoke(SCHEDULED_EVENT)
    assert SECRET_NAME in str(caught.value)
    assert "x-secret-value" not in str(caught.value)


def test_a_missing_secret_fails_naming_it(
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    function_env("127.0.0.1:9", "127.0.0.1:9")
    put_list("alpine:3.20\n")
    monkeypatch.setenv("ECR_MIRROR_DOCKER_HUB_SECRET", "no-such-secret")
    with pytest.raises(ConfigError, match="cannot read the Docker Hub secret 'no-such-secret': ResourceNotFound"):
        invoke(SCHEDULED_EVENT)
