"""The fan-out worker (function/worker.py) with the engine's copy recorded: which messages of a batch are handed
back (a failure and everything after it, in FIFO order), a poison message, the job each item becomes, the worker's
options (one image at a time, the item's signature policies), a deferred image's words, and the metrics a worker
emits (never the planner's run-level ones). The whole path against registries and queues: test_fanout.py."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

import pytest
from aws_lambda_powertools.utilities.typing import LambdaContext

from ecr_mirror.ecr.repositories import RepositoryCreator
from ecr_mirror.function import worker
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.observability import metrics
from ecr_mirror.function.work_queue import WorkItem
from ecr_mirror.mirror.report import ImageResult, Report, Status
from ecr_mirror.mirror.run import Job, MirrorOptions
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.trust.policy import parse_policy

from .helpers import ECR_HOST, FakeContext, log_records

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning")


def _item(n: int, **kwargs: Any) -> WorkItem:
    return WorkItem(f"docker.io/library/app{n}:1", f"{ECR_HOST}/mirror/app{n}:1", **kwargs)


def _records(*bodies: str) -> dict[str, Any]:
    return {"Records": [{"messageId": f"m{n}", "body": body} for n, body in enumerate(bodies)]}


def test_a_failure_hands_back_its_message_and_every_one_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = {"app0": Status.COPIED, "app1": Status.FAILED, "app2": Status.COPIED}
    copied: list[str] = []

    def copy_item(item: WorkItem, settings: FunctionSettings, context: Any) -> ImageResult:
        name = item.source.split("/")[-1].split(":")[0]
        copied.append(name)
        return ImageResult(item.source, item.target, outcomes[name])

    monkeypatch.setattr(worker, "copy_item", copy_item)
    context = cast(LambdaContext, FakeContext())
    answer = worker.handler(_records(*(_item(n).body() for n in range(3))), context)
    assert answer == {"batchItemFailures": [{"itemIdentifier": "m1"}, {"itemIdentifier": "m2"}]}
    assert copied == ["app0", "app1"]  # the rest of the batch is handed back unprocessed

    outcomes.update(app1=Status.DEFERRED)  # deferred: dropped, not failed
    assert worker.handler(_records(*(_item(n).body() for n in range(3))), context) == {"batchItemFailures": []}
    assert worker.handler({"Records": None}, context) == {"batchItemFailures": []}
    assert worker.handler({}, context) == {"batchItemFailures": []}


def test_a_poison_message_is_handed_back_without_a_copy(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(worker, "copy_item", lambda *a: pytest.fail("a poison message was copied"))
    context = cast(LambdaContext, FakeContext())
    capsys.readouterr()
    answer = worker.handler(_records("not a work item", _item(1).body()), context)
    assert answer == {"batchItemFailures": [{"itemIdentifier": "m0"}, {"itemIdentifier": "m1"}]}
    (logged,) = [r for r in log_records(capsys.readouterr().out) if r["message"] == "not a work item"]
    assert (logged["level"], logged["message_id"]) == ("ERROR", "m0")
    assert logged["reason"] == "work item is not JSON: 'not a work item'"
    # A record without an id or a body is poison too, handed back by the id it has (none: empty).
    assert worker.handler({"Records": [{}]}, context) == {"batchItemFailures": [{"itemIdentifier": ""}]}


class Engine:
    def __init__(self, status: Status, detail: str | None = None) -> None:
        self.status, self.detail = status, detail
        self.calls: list[tuple[list[Job], CredentialStore, MirrorOptions]] = []

    async def mirror(self, jobs: Sequence[Job], store: CredentialStore, options: MirrorOptions) -> Report:
        self.calls.append((list(jobs), store, options))
        (job,) = jobs
        result = ImageResult(str(job.source), str(job.target), self.status, detail=self.detail, bytes=7)
        result.checked = True
        return Report([result], rate_limit_remaining=33)


@pytest.fixture
def metric_names() -> Any:
    metrics.clear_metrics()
    yield lambda: {name: list(m["Value"]) for name, m in metrics.metric_set.items()}
    metrics.clear_metrics()


def test_an_item_becomes_one_job_copied_one_at_a_time_under_its_signature_policies(
    aws: None, monkeypatch: pytest.MonkeyPatch, metric_names: Any
) -> None:
    engine = Engine(Status.COPIED)
    monkeypatch.setattr(worker, "mirror", engine.mirror)
    signed = parse_policy("team", {"key": "awskms:///alias/k"}, "p")
    item = _item(1, platforms=("linux/arm64",), referrers=True, policies=(signed,))
    keys_of: list[tuple[Any, ...]] = []
    item_trust: Any = object()

    def worker_trust(policies: tuple[Any, ...]) -> Any:
        keys_of.append(policies)
        return item_trust

    monkeypatch.setattr(worker, "worker_trust", worker_trust)

    result = worker.copy_item(item, FunctionSettings(), cast(LambdaContext, FakeContext()))

    assert (result.source, result.status) == (item.source, Status.COPIED)
    ((job,), store, options) = engine.calls[0]
    assert (str(job.source), str(job.target)) == (item.source, item.target)
    assert (job.platforms, job.referrers, job.policies) == (("linux/arm64",), True, (signed,))
    assert options.image_concurrency == 1
    # A missing repository is created through the function's ECR client.
    assert isinstance(options.create_repository, RepositoryCreator)
    assert options.create_repository.client.meta.service_model.service_name == "ecr"
    assert options.trust is item_trust and keys_of == [(signed,)]
    assert ECR_HOST in store
    emitted = metric_names()
    assert emitted["ImagesCopied"] == [1.0] and emitted["BytesCopied"] == [7.0]
    assert emitted["ImageEventsPublished"] == [0.0] and emitted["ImageEventsFailed"] == [0.0]
    assert "ImagesBehind" not in emitted and "OldestBehindSeconds" not in emitted  # the planner's figures

    # Without policies the options keep no trust context of the item's.
    worker.copy_item(_item(2), FunctionSettings(), cast(LambdaContext, FakeContext()))
    assert engine.calls[1][2].trust is None and len(keys_of) == 1


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ("deadline reached", "deadline reached; dropped from the work queue: the next plan queues it again"),
        (None, "deferred; dropped from the work queue: the next plan queues it again"),
    ],
)
def test_a_deferred_image_says_it_was_dropped_from_the_queue(
    aws: None, monkeypatch: pytest.MonkeyPatch, detail: str | None, expected: str
) -> None:
    monkeypatch.setattr(worker, "mirror", Engine(Status.DEFERRED, detail).mirror)
    result = worker.copy_item(_item(1), FunctionSettings(), cast(LambdaContext, FakeContext()))
    assert result.detail == expected
    failed = Engine(Status.FAILED, "x")
    monkeypatch.setattr(worker, "mirror", failed.mirror)
    assert worker.copy_item(_item(1), FunctionSettings(), cast(LambdaContext, FakeContext())).detail == "x"


def test_a_worker_updates_the_behind_table_without_dropping_other_entries(
    behind_table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import boto3

    dynamodb = boto3.client("dynamodb")
    dynamodb.put_item(TableName=behind_table, Item={"target": {"S": "other"}, "since": {"N": "1"}})
    monkeypatch.setattr(worker, "mirror", Engine(Status.FAILED, "x").mirror)
    worker.copy_item(_item(1), FunctionSettings(), cast(LambdaContext, FakeContext()))
    targets = sorted(i["target"]["S"] for i in dynamodb.scan(TableName=behind_table)["Items"])
    assert targets == sorted(["other", _item(1).target])  # one image's run is never a complete one
    assert json.loads(_item(1).body())["target"] == _item(1).target
