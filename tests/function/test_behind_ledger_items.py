"""The behind table's items, read and written one by one (moto DynamoDB): what an item holds, what a run reads back
(across scan pages), the first sighting kept against a concurrent run, what was announced, and the behind list
each run reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from ecr_mirror.function.behind import BehindEntry, BehindLedger, BehindState
from ecr_mirror.mirror.report import ImageResult, Status

TABLE = "behind"
OLD, NEW = "sha256:" + "1" * 64, "sha256:" + "2" * 64


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


def result(target: str, status: Status = Status.FAILED, *, checked: bool = True) -> ImageResult:
    out = ImageResult(f"docker.io/library/{target}", target, status, upstream_digest=NEW, previous_digest=OLD)
    out.checked = checked
    return out


def items(client: Any) -> dict[str, dict[str, Any]]:
    return {i["target"]["S"]: i for i in client.scan(TableName=TABLE)["Items"]}


def test_a_behind_entry_reports_its_result_since_when_and_for_how_long() -> None:
    entry = BehindEntry(result("app:1", Status.DEFERRED), since=1_700_000_000.0)
    assert entry.to_dict(now=1_700_000_090.9) == {
        "source": "docker.io/library/app:1",
        "target": "app:1",
        "status": "deferred",
        "upstream_digest": NEW,
        "mirror_digest": OLD,
        "since": "2023-11-14T22:13:20+00:00",
        "behind_seconds": 90,
    }
    assert entry.to_dict(now=1_699_999_000.0)["behind_seconds"] == 0  # a clock behind the item's: never negative
    state = BehindState(
        now=1000.0,
        entries=[BehindEntry(result("b"), 400.0), BehindEntry(result("a"), 100.0), BehindEntry(result("c"), 999.5)],
    )
    assert state.oldest_seconds == 900
    assert [e["target"] for e in state.to_list()] == ["a", "b", "c"]  # oldest first
    assert BehindState(now=5.0).oldest_seconds == 0
    assert BehindState(now=5.0, entries=[BehindEntry(result("a"), 9.0)]).oldest_seconds == 0


def test_an_item_holds_the_target_the_first_sighting_and_the_source(dynamodb: Any) -> None:
    ledger = BehindLedger(dynamodb, TABLE, clock=lambda: 1234.9)
    state = ledger.update([result("a:1"), result("b:1", Status.SKIPPED)], write=True, complete=False)
    assert items(dynamodb) == {
        "a:1": {"target": {"S": "a:1"}, "since": {"N": "1234"}, "source": {"S": "docker.io/library/a:1"}}
    }
    assert [(e.result.target, e.since) for e in state.entries] == [("a:1", 1234.9)]
    assert state.now == 1234.9


def test_a_sighting_a_concurrent_run_wrote_first_is_kept(dynamodb: Any, caplog: pytest.LogCaptureFixture) -> None:
    class Racing:
        """Answers the scan as if the table were empty: another run writes the item in between."""

        def __init__(self, client: Any) -> None:
            self.client = client

        def scan(self, **kwargs: Any) -> dict[str, Any]:
            return {"Items": []}

        def __getattr__(self, name: str) -> Any:
            return getattr(self.client, name)

    dynamodb.put_item(TableName=TABLE, Item={"target": {"S": "a:1"}, "since": {"N": "100"}})
    BehindLedger(Racing(dynamodb), TABLE, clock=lambda: 900.0).update([result("a:1")], write=True, complete=False)
    assert items(dynamodb)["a:1"]["since"] == {"N": "100"}
    assert [r.getMessage() for r in caplog.records if r.levelno >= 30] == []  # expected, not trouble


def test_a_run_reads_every_page_and_what_was_announced(dynamodb: Any) -> None:
    class Paged:
        def __init__(self) -> None:
            self.requests: list[dict[str, Any]] = []

        def scan(self, **request: Any) -> dict[str, Any]:
            self.requests.append(dict(request))
            assert len(self.requests) <= 2, "the table was scanned again from its start"
            if "ExclusiveStartKey" not in request:
                return {
                    "Items": [
                        {"target": {"S": "a"}, "since": {"N": "100"}, "announced": {"S": f"held:{NEW}"}},
                        {"target": {"S": "b"}, "since": {"N": "200.5"}},
                    ],
                    "LastEvaluatedKey": {"target": {"S": "b"}},
                }
            return {"Items": [{"target": {"S": "c"}, "since": {"N": "300"}, "announced": {"NULL": True}}]}

    client = Paged()
    known, announced = BehindLedger(client, TABLE)._load()
    assert known == {"a": 100.0, "b": 200.5, "c": 300.0}
    assert announced == {"a": f"held:{NEW}"}
    assert client.requests[0] == {
        "TableName": TABLE,
        "ProjectionExpression": "#k, since, announced",
        "ExpressionAttributeNames": {"#k": "target"},
    }
    assert client.requests[1]["ExclusiveStartKey"] == {"target": {"S": "b"}}
    # Through moto too, the projection reads back both attributes.
    dynamodb.put_item(
        TableName=TABLE, Item={"target": {"S": "x"}, "since": {"N": "7"}, "announced": {"S": "rejected:d"}}
    )
    ledger = BehindLedger(dynamodb, TABLE, clock=lambda: 10.0)
    state = ledger.update([result("x")], write=False, complete=False)
    assert state.announced == {"x": "rejected:d"}
    assert [(e.result.target, e.since) for e in state.entries] == [("x", 7.0)]


def test_only_a_checked_result_clears_its_item_and_only_a_complete_run_drops_unlisted_ones(dynamodb: Any) -> None:
    for target in ("a", "b", "c", "gone"):
        dynamodb.put_item(TableName=TABLE, Item={"target": {"S": target}, "since": {"N": "1"}})
    ledger = BehindLedger(dynamodb, TABLE, clock=lambda: 50.0)
    runs = [result("a", Status.COPIED), result("b", Status.SKIPPED, checked=False), result("c", Status.DEFERRED)]
    state = ledger.update(runs, write=True, complete=False)
    assert set(items(dynamodb)) == {"b", "c", "gone"}
    assert [(e.result.target, e.since) for e in state.entries] == [("c", 1.0)]
    ledger.update(runs, write=False, complete=True)
    assert set(items(dynamodb)) == {"b", "c", "gone"}
    ledger.update(runs, write=True, complete=True)
    assert set(items(dynamodb)) == {"b", "c"}


def test_what_was_announced_is_kept_only_on_items_that_exist(dynamodb: Any, caplog: pytest.LogCaptureFixture) -> None:
    dynamodb.put_item(TableName=TABLE, Item={"target": {"S": "a"}, "since": {"N": "1"}})
    ledger = BehindLedger(dynamodb, TABLE)
    ledger.record_announced({"a": f"held:{NEW}", "mirrored-meanwhile": f"held:{NEW}"})
    assert items(dynamodb) == {"a": {"target": {"S": "a"}, "since": {"N": "1"}, "announced": {"S": f"held:{NEW}"}}}
    # The item gone meanwhile (its image mirrored) is expected, not trouble: nothing is logged.
    assert [r.getMessage() for r in caplog.records if r.levelno >= 30] == []


def test_table_trouble_is_logged_never_raised(dynamodb: Any, caplog: pytest.LogCaptureFixture) -> None:
    class Refusing:
        def __getattr__(self, name: str) -> Any:
            def refuse(**kwargs: Any) -> Any:
                raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, name)

            return refuse

    ledger = BehindLedger(Refusing(), TABLE, clock=lambda: 5.0)
    state = ledger.update([result("a"), result("b", Status.COPIED)], write=True, complete=True)
    assert [(e.result.target, e.since) for e in state.entries] == [("a", 5.0)]
    ledger.record_announced({"a": "held:x"})
    ledger._delete("b")
    assert [r.getMessage() for r in caplog.records] == [
        "cannot read the behind table behind: AccessDeniedException: no; counting from now",
        "cannot record a as behind: AccessDeniedException: no",
        "cannot record what was announced for a: AccessDeniedException: no",
        "cannot clear b from the behind table: AccessDeniedException: no",
    ]
