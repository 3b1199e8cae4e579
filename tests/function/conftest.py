"""Fixtures for the Lambda handler: moto for SSM, ECR and Secrets Manager; real local registries for the data.

The account's ECR registry host (from moto's GetAuthorizationToken) and docker.io are mapped onto local
docker-registry processes through ECR_MIRROR_ENDPOINTS, the function's one test configuration point.
The "ECR" registry accepts only moto's ECR credentials, so a successful push proves the ECR login was used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any, cast

import boto3
import botocore.loaders
import botocore.session
import pytest
from aws_lambda_powertools.utilities.typing import LambdaContext
from moto import mock_aws

from ecr_mirror.function import handler as lambda_handler
from ecr_mirror.function import observability
from ecr_mirror.function.after_run import ENV_BEHIND_TABLE, ENV_EVENT_BUS
from ecr_mirror.lab.registry import LocalRegistry

from .helpers import ACCOUNT, ECR_CREDENTIALS, ECR_HOST, PARAMETER, REGION, FakeContext

Invoke = Callable[..., dict[str, Any]]
EventReader = Callable[[], list[dict[str, Any]]]
BEHIND_TABLE = "ecr-mirror-behind"


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """The handler configures the package's loggers (structured, not propagated) and quietens libraries:
    undo that after each test, so tests elsewhere see the default logging."""
    names = ("ecr_mirror", "httpx", "botocore")
    saved = [(lg, lg.handlers[:], lg.level, lg.propagate) for lg in map(logging.getLogger, names)]
    yield
    for lg, handlers, level, propagate in saved:
        lg.handlers, lg.propagate = handlers, propagate
        lg.setLevel(level)
    observability.reset_logging()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """moto for every AWS call, with fake credentials and a fixed region; no real AWS is ever contacted."""
    for name in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", ACCOUNT)
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "1")
    with mock_aws():  # which sets boto3's default session aside for the test (and puts it back after)
        boto3.DEFAULT_SESSION = _session_with_shared_models()
        yield


# botocore's loader keeps each service's model once read; moto gives every test a new default session, which read
# them all again (a tenth to a quarter of a CPU-second per test). One loader per worker holds them: the models are
# botocore's files, read-only; credentials, region and moto's interception stay per session.
_MODELS = botocore.loaders.create_loader()


def _session_with_shared_models() -> boto3.Session:
    core = botocore.session.get_session()
    core.register_component("data_loader", _MODELS)
    return boto3.Session(botocore_session=core)


@pytest.fixture
def ecr_registry(registry_factory: Callable[..., LocalRegistry]) -> LocalRegistry:
    """The stand-in for the account's ECR registry: Basic auth with moto's ECR token."""
    return registry_factory(htpasswd={ECR_CREDENTIALS[0]: ECR_CREDENTIALS[1]})


@pytest.fixture
def function_env(monkeypatch: pytest.MonkeyPatch, aws: None) -> Callable[[str, str], None]:
    """Point the function at a Docker Hub stand-in and an ECR stand-in (both host:port on loopback)."""

    def configure(hub_host: str, ecr_host: str) -> None:
        monkeypatch.setenv("ECR_MIRROR_IMAGES_PARAMETER", PARAMETER)
        monkeypatch.setenv("ECR_MIRROR_ENDPOINTS", json.dumps({"docker.io": hub_host, ECR_HOST: ecr_host}))
        monkeypatch.setenv("ECR_MIRROR_PLAIN_HTTP", "1")

    return configure


@pytest.fixture
def put_list(aws: None) -> Callable[[str], None]:
    def put(text: str) -> None:
        boto3.client("ssm").put_parameter(Name=PARAMETER, Value=text, Type="String", Overwrite=True)

    return put


@pytest.fixture
def invoke() -> Invoke:
    def call(event: Any = None, context: FakeContext | None = None) -> dict[str, Any]:
        event = {} if event is None else event
        result: dict[str, Any] = lambda_handler.handler(event, cast(LambdaContext, context or FakeContext()))
        return result

    return call


@pytest.fixture
def behind_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """The stack's behind table (moto), named in the function's environment."""
    boto3.client("dynamodb").create_table(
        TableName=BEHIND_TABLE,
        KeySchema=[{"AttributeName": "target", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "target", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv(ENV_BEHIND_TABLE, BEHIND_TABLE)
    return BEHIND_TABLE


@pytest.fixture
def event_reader(aws: None, monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], EventReader]:
    """A rule on the default bus sending ecr-mirror's events of the given detail types to a queue; returns a
    reader of what arrived: each event's detail with its `type`."""

    def rule(detail_types: list[str]) -> EventReader:
        sqs = boto3.client("sqs")
        name = f"events-{len(detail_types)}-{abs(hash(tuple(detail_types)))}"
        queue = sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events = boto3.client("events")
        events.put_rule(Name=name, EventPattern=json.dumps({"source": ["ecr-mirror"], "detail-type": detail_types}))
        events.put_targets(Rule=name, Targets=[{"Id": "queue", "Arn": arn}])
        monkeypatch.setenv(ENV_EVENT_BUS, "default")

        def read() -> list[dict[str, Any]]:
            messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", [])
            for message in messages:
                sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
            return [{"type": json.loads(m["Body"])["detail-type"], **json.loads(m["Body"])["detail"]} for m in messages]

        return read

    return rule


@pytest.fixture
def hub(registry_factory: Callable[..., LocalRegistry]) -> LocalRegistry:
    """An empty registry standing in for Docker Hub (images pushed by the test)."""
    return registry_factory()


@pytest.fixture
def gate_events(event_reader: Callable[[list[str]], EventReader]) -> EventReader:
    """The policy gate's events: Mirrored Image Held and Rejected."""
    return event_reader(["Mirrored Image Held", "Mirrored Image Rejected"])
