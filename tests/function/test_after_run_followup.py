"""What follows a run (function/after_run.py), against moto: the behind table written unless a dry run, entries
no longer listed dropped only after a complete run, events published unless a dry run, the gate outcomes the bus
accepted remembered on the table, and the figures and report keys it adds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest

from ecr_mirror.function.after_run import ENV_BEHIND_TABLE, ENV_EVENT_BUS, Followup, after_run
from ecr_mirror.function.behind import BehindState
from ecr_mirror.function.image_events import Published
from ecr_mirror.mirror.report import ImageResult, Report, Status

from .conftest import EventReader

OLD, NEW = "sha256:" + "1" * 64, "sha256:" + "2" * 64


def result(target: str, status: Status, **kwargs: Any) -> ImageResult:
    out = ImageResult(f"docker.io/library/{target}", target, status, upstream_digest=NEW, **kwargs)
    out.checked = True
    return out


def table_items(table: str) -> dict[str, dict[str, Any]]:
    return {i["target"]["S"]: i for i in boto3.client("dynamodb").scan(TableName=table)["Items"]}


def test_without_a_table_every_behind_entry_counts_from_now_and_nothing_is_published_without_a_bus(aws: None) -> None:
    report = Report([result("a:1", Status.FAILED), result("b:1", Status.SKIPPED), result("c:1", Status.HELD)])
    followup = after_run(report, dry_run=False, complete=True, environ={})
    assert [e.result.target for e in followup.behind.entries] == ["a:1", "c:1"]
    assert all(e.since == followup.behind.now for e in followup.behind.entries)
    assert followup.published == Published()
    assert followup.metrics() == {
        "ImagesBehind": 2,
        "OldestBehindSeconds": 0,
        "ImageEventsPublished": 0,
        "ImageEventsFailed": 0,
    }
    listed = followup.to_dict()
    assert set(listed) == {"behind", "image_events"}
    assert [e["target"] for e in listed["behind"]] == ["a:1", "c:1"]
    assert listed["image_events"] == {"sent": 0, "failed": 0}


def test_a_run_writes_the_table_publishes_and_remembers_what_the_bus_accepted(
    behind_table: str, event_reader: Callable[[list[str]], EventReader]
) -> None:
    read = event_reader(["Mirrored Image Updated", "Mirrored Image Held"])
    env = {ENV_BEHIND_TABLE: behind_table, ENV_EVENT_BUS: "default"}
    moved = result("m:1", Status.COPIED, digest=NEW, previous_digest=OLD)
    held = result("h:1", Status.HELD, previous_digest=OLD, held_reason="younger than 1h", policy="cooling")
    report = Report([moved, held, result("f:1", Status.FAILED)])

    followup = after_run(report, dry_run=False, complete=False, environ=env)

    assert sorted((e["type"], e["target"]) for e in read()) == [
        ("Mirrored Image Held", "h:1"),
        ("Mirrored Image Updated", "m:1"),
    ]
    assert (followup.published.sent, followup.published.failed) == (2, 0)
    assert followup.metrics()["ImageEventsPublished"] == 2
    assert followup.to_dict()["image_events"] == {"sent": 2, "failed": 0}
    items = table_items(behind_table)
    assert set(items) == {"h:1", "f:1"}
    assert items["h:1"]["announced"] == {"S": f"held:{NEW}"}
    assert "announced" not in items["f:1"]

    # The next run reads what was announced: the held image is not announced again.
    again = after_run(Report([held]), dry_run=False, complete=False, environ=env)
    assert again.behind.announced == {"h:1": f"held:{NEW}"}
    assert read() == []
    assert again.published == Published()


def test_a_dry_run_reads_the_table_writes_nothing_and_publishes_nothing(
    behind_table: str, event_reader: Callable[[list[str]], EventReader]
) -> None:
    read = event_reader(["Mirrored Image Updated"])
    boto3.client("dynamodb").put_item(TableName=behind_table, Item={"target": {"S": "gone:1"}, "since": {"N": "100"}})
    env = {ENV_BEHIND_TABLE: behind_table, ENV_EVENT_BUS: "default"}
    report = Report([result("m:1", Status.COPIED, digest=NEW), result("p:1", Status.PLANNED)])

    followup = after_run(report, dry_run=True, complete=True, environ=env)

    assert read() == []
    assert followup.published == Published()
    assert set(table_items(behind_table)) == {"gone:1"}
    assert [e.result.target for e in followup.behind.entries] == ["p:1"]


@pytest.mark.parametrize(("complete", "left"), [(True, set()), (False, {"gone:1"})])
def test_only_a_complete_run_drops_entries_no_longer_listed(behind_table: str, complete: bool, left: set[str]) -> None:
    boto3.client("dynamodb").put_item(TableName=behind_table, Item={"target": {"S": "gone:1"}, "since": {"N": "100"}})
    after_run(
        Report([result("s:1", Status.SKIPPED)]),
        dry_run=False,
        complete=complete,
        environ={ENV_BEHIND_TABLE: behind_table},
    )
    assert set(table_items(behind_table)) == left


def test_the_environment_is_read_when_none_is_given(behind_table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    after_run(Report([result("f:1", Status.FAILED)]), dry_run=False, complete=False)
    assert set(table_items(behind_table)) == {"f:1"}
    # An environment given is the only one read: here it names no table.
    after_run(Report([result("g:1", Status.FAILED)]), dry_run=False, complete=False, environ={})
    assert set(table_items(behind_table)) == {"f:1"}


def test_the_figures_of_a_followup() -> None:
    followup = Followup(BehindState(now=10.0), Published(sent=3, failed=1))
    assert followup.metrics() == {
        "ImagesBehind": 0,
        "OldestBehindSeconds": 0,
        "ImageEventsPublished": 3,
        "ImageEventsFailed": 1,
    }
    assert followup.to_dict() == {"behind": [], "image_events": {"sent": 3, "failed": 1}}
    assert Followup(BehindState(now=1.0)).published == Published()


def test_without_a_table_a_held_image_is_announced_and_nothing_is_remembered(
    event_reader: Callable[[list[str]], EventReader],
) -> None:
    read = event_reader(["Mirrored Image Held"])
    held = result("h:1", Status.HELD, previous_digest=OLD, held_reason="younger than 1h", policy="cooling")
    followup = after_run(Report([held]), dry_run=False, complete=True, environ={ENV_EVENT_BUS: "default"})
    assert [(e["type"], e["target"]) for e in read()] == [("Mirrored Image Held", "h:1")]
    assert followup.published.announced == {"h:1": f"held:{NEW}"}
