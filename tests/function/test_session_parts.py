"""What every handler sets up before the engine runs (function/session.py), and Docker Hub's secret
(function/dockerhub_secret.py), against moto: the credential store, the engine's options from the settings, and
each refusal of a secret naming the secret and the key, never the value."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

from ecr_mirror.ecr.repositories import RepositoryCreator, RepositorySettings
from ecr_mirror.errors import ConfigError
from ecr_mirror.function.dockerhub_secret import docker_hub_credentials
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.session import FLUSH_MARGIN, credentials, mirror_options, time_left
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.reference import DOCKER_HUB

from .helpers import ECR_CREDENTIALS, ECR_HOST, REGION, FakeContext, log_records

TOKEN = "dckr_pat_not-a-real-token"


def test_the_store_holds_the_ecr_login_and_docker_hub_only_when_a_secret_is_configured(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    ecr = boto3.client("ecr")
    capsys.readouterr()
    host, store = credentials(FunctionSettings(), ecr)
    assert [r["message"] for r in log_records(capsys.readouterr().out)] == [
        "no Docker Hub secret configured: pulling anonymously"
    ]
    assert host == ECR_HOST
    assert store.get(ECR_HOST) == Credentials(*ECR_CREDENTIALS)
    assert DOCKER_HUB not in store
    secret = boto3.client("secretsmanager").create_secret(
        Name="hub", SecretString=json.dumps({"username": "me", "accessToken": TOKEN})
    )["ARN"]
    host, store = credentials(FunctionSettings(docker_hub_secret=secret), ecr)
    assert [r["message"] for r in log_records(capsys.readouterr().out)] == [
        "using Docker Hub credentials from Secrets Manager"
    ]
    assert store.get(DOCKER_HUB) == Credentials("me", TOKEN)
    assert store.get(ECR_HOST) == Credentials(*ECR_CREDENTIALS)


def test_the_engine_options_come_from_the_settings_and_the_invocations_time() -> None:
    repository = RepositorySettings(untagged_keep=3)
    settings = FunctionSettings(
        plain_http=True,
        rate_limit_reserve=17,
        time_margin=45.0,
        endpoints={"docker.io": "127.0.0.1:1"},
        repository=repository,
    )
    context = FakeContext(remaining_ms=[600_000, 500_000])
    ecr: Any = object()
    options = mirror_options(settings, ecr, context, concurrency=3, dry_run=True)  # type: ignore[arg-type]
    assert (options.image_concurrency, options.dry_run, options.plain_http) == (3, True, True)
    assert (options.rate_limit_reserve, options.image_time_margin) == (17, 45.0)
    assert options.endpoints == {"docker.io": "127.0.0.1:1"}
    assert options.deadline == 600.0 - FLUSH_MARGIN  # read once, when the options are made
    assert options.time_left is not None and options.time_left() == 500.0  # read again at each call
    assert isinstance(options.create_repository, RepositoryCreator)
    assert (options.create_repository.client, options.create_repository.settings) == (ecr, repository)
    assert mirror_options(FunctionSettings(), ecr, FakeContext(), concurrency=1).dry_run is False  # type: ignore[arg-type]
    assert time_left(FakeContext(remaining_ms=[1500]))() == 1.5  # type: ignore[arg-type]


def _hub_secret(value: Any, *, binary: bool = False) -> str:
    client = boto3.client("secretsmanager")
    if binary:
        return str(client.create_secret(Name="hub", SecretBinary=b"\x00\x01")["ARN"])
    text = value if isinstance(value, str) else json.dumps(value)
    return str(client.create_secret(Name="hub", SecretString=text)["ARN"])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not json " + TOKEN, "the {what} is not JSON; store {{'username': ..., 'accessToken': ...}}"),
        ([TOKEN], "the {what} is not a JSON object with keys 'username' and 'accessToken'"),
        ({"username": "me"}, "the {what} lacks non-empty string key(s) 'accessToken'"),
        ({"accessToken": TOKEN}, "the {what} lacks non-empty string key(s) 'username'"),
        ({"username": "", "accessToken": TOKEN}, "the {what} lacks non-empty string key(s) 'username'"),
        ({"username": 7, "accessToken": 8}, "the {what} lacks non-empty string key(s) 'username', 'accessToken'"),
        ({"user": "me", "token": TOKEN}, "the {what} lacks non-empty string key(s) 'username', 'accessToken'"),
    ],
)
def test_a_secret_in_the_wrong_shape_is_refused_naming_the_secret_and_key_not_the_value(
    aws: None, value: Any, message: str
) -> None:
    arn = _hub_secret(value)
    with pytest.raises(ConfigError) as caught:
        docker_hub_credentials(boto3.client("secretsmanager"), arn)
    assert str(caught.value) == message.format(what=f"Docker Hub secret {arn!r}")
    assert TOKEN not in str(caught.value)


def test_a_binary_secret_and_an_unreadable_one_are_refused_naming_them(aws: None) -> None:
    arn = _hub_secret(None, binary=True)
    with pytest.raises(ConfigError) as caught:
        docker_hub_credentials(boto3.client("secretsmanager"), arn)
    assert str(caught.value) == (
        f"the Docker Hub secret {arn!r} holds binary data; store JSON {{'username': ..., 'accessToken': ...}}"
    )
    client = boto3.client("secretsmanager", region_name=REGION)
    with Stubber(client) as stub:
        stub.add_client_error("get_secret_value", service_error_code="AccessDeniedException", service_message="no")
        with pytest.raises(ConfigError) as denied:
            docker_hub_credentials(client, "hub")
    assert str(denied.value) == "cannot read the Docker Hub secret 'hub': AccessDeniedException: no"
    assert docker_hub_credentials(
        _StubSecrets({"SecretString": json.dumps({"username": "me", "accessToken": TOKEN})}), "hub"
    ) == Credentials("me", TOKEN)
    with pytest.raises(ConfigError) as bare:
        docker_hub_credentials(_StubSecrets(ClientError({}, "GetSecretValue")), "hub")
    assert str(bare.value) == "cannot read the Docker Hub secret 'hub': error: "


class _StubSecrets:
    def __init__(self, answer: dict[str, Any] | Exception) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def get_secret_value(self, SecretId: str) -> dict[str, Any]:
        self.asked.append(SecretId)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer
