"""The behind ledger and the event publisher against moto: pruning, races, batching, and failures that never raise."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from ecr_mirror.function.behind import BehindLedger
from ecr_mirror.function.image_events import publish_updates
from ecr_mirror.mirror.report import ImageResult, Status

TABLE = "behind"


@pytest.fixture
def dynamodb(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    with mock_aws():
        client = boto3.client("dynamodb")
        client.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "target", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "target", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


def _result(target: str, status: Status, digest: str | None = None, previous: str | None = None) -> ImageResult:
    """A result whose check was answered by both registries."""
    result = ImageResult(source=f"src/{target}", target=target, status=status, digest=digest, previous_digest=previous)
    result.checked = True
    return result


def _items(client: Any) -> dict[str, int]:
    return {i["target"]["S"]: int(i["since"]["N"]) for i in client.scan(TableName=TABLE)["Items"]}


def test_first_sighting_wins_and_a_complete_run_drops_entries_no_longer_listed(dynamodb: Any) -> None:
    clock = iter([1000.0, 5000.0, 9000.0])
    ledger = BehindLedger(dynamodb, TABLE, clock=lambda: next(clock))
    ledger.update([_result("a", Status.FAILED), _result("b", Status.DEFERRED)], write=True, complete=True)
    assert _items(dynamodb) == {"a": 1000, "b": 1000}

    state = ledger.update([_result("a", Status.FAILED)], write=True, complete=False)  # a manual partial run
    assert _items(dynamodb) == {"a": 1000, "b": 1000}
    assert state.oldest_seconds == 4000

    ledger.update([_result("a", Status.SKIPPED)], write=True, complete=True)  # b left the list, a caught up
    assert _items(dynamodb) == {}


def test_an_entry_not_checked_is_neither_recorded_nor_cleared(dynamodb: Any) -> None:
    dynamodb.put_item(TableName=TABLE, Item={"target": {"S": "a"}, "since": {"N": "100"}})
    ledger = BehindLedger(dynamodb, TABLE, clock=lambda: 700.0)
    unchecked = [ImageResult("src/a", "a", Status.FAILED), ImageResult("src/b", "b", Status.DEFERRED)]
    state = ledger.update(unchecked, write=True, complete=True)
    assert _items(dynamodb) == {"a": 100}
    assert state.to_list() == []


def test_a_dry_run_reads_and_never_writes(dynamodb: Any) -> None:
    dynamodb.put_item(TableName=TABLE, Item={"target": {"S": "a"}, "since": {"N": "100"}})
    ledger = BehindLedger(dynamodb, TABLE, clock=lambda: 700.0)
    state = ledger.update([_result("a", Status.SKIPPED), _result("n", Status.PLANNED)], write=False, complete=True)
    assert _items(dynamodb) == {"a": 100}
    assert [e["target"] for e in state.to_list()] == ["n"]


def test_table_trouble_never_fails_the_run(dynamodb: Any) -> None:
    ledger = BehindLedger(dynamodb, "no-such-table", clock=lambda: 50.0)
    state = ledger.update([_result("a", Status.FAILED)], write=True, complete=True)
    assert [(e["target"], e["behind_seconds"]) for e in state.to_list()] == [("a", 0)]


def test_only_moved_tags_publish_and_batches_stay_within_ten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    sent: list[int] = []

    class Recording:
        def put_events(self, Entries: list[dict[str, Any]]) -> dict[str, Any]:
            sent.append(len(Entries))
            assert all(json.loads(e["Detail"])["digest"] != json.loads(e["Detail"])["previous_digest"] for e in Entries)
            return {"FailedEntryCount": 0, "Entries": [{"EventId": "x"} for _ in Entries]}

    results = [_result(f"t{i}", Status.COPIED, digest=f"d{i}", previous=None) for i in range(23)]
    results += [_result("same", Status.COPIED, digest="d", previous="d"), _result("s", Status.SKIPPED, digest="d")]
    published = publish_updates(Recording(), "default", results)
    assert (published.sent, published.failed) == (23, 0)
    assert sent == [10, 10, 3]
