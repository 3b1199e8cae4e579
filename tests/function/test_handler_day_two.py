"""Day two from the function: since when each entry is behind upstream (kept across runs in DynamoDB), the
ImagesBehind/OldestBehindSeconds metrics, and `Mirrored Image Updated` events on EventBridge (moto)."""

from __future__ import annotations

from collections.abc import Callable

import boto3
import pytest

from ecr_mirror.function.after_run import ENV_EVENT_BUS
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from tests.support.proxy import InterposingProxy

from .conftest import BEHIND_TABLE as TABLE
from .conftest import EventReader, Invoke
from .helpers import ECR_HOST, SCHEDULED_EVENT, emf_metrics, mirrored, refuse_pushes_of

LIST = "alpine:3.20\nlater:1\n"


@pytest.fixture
def updated_events(event_reader: Callable[[list[str]], EventReader]) -> EventReader:
    return event_reader(["Mirrored Image Updated"])


def _items() -> dict[str, int]:
    items = boto3.client("dynamodb").scan(TableName=TABLE)["Items"]
    return {i["target"]["S"]: int(i["since"]["N"]) for i in items}


def test_behind_since_is_kept_across_runs_and_cleared_once_mirrored(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    behind_table: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pushed = push_image(seeded_registry.registry, "library/later", oci_image(seed="later"), tags=["1"])
    with InterposingProxy(ecr_registry.host) as ecr:
        ecr.rules.append(refuse_pushes_of("library/later"))  # checked (both HEADs answer), then refused
        function_env(seeded_registry.registry.host, ecr.host)
        put_list(LIST)
        later = f"{ECR_HOST}/{mirrored('library/later:1')}"

        first = invoke(SCHEDULED_EVENT)

        assert [i["status"] for i in first["images"]] == ["copied", "failed"]
        assert [b["target"] for b in first["behind"]] == [later]
        assert first["behind"][0]["mirror_digest"] is None and first["summary"]["behind"] == 1
        recorded = _items()
        assert list(recorded) == [later]
        metrics = emf_metrics(capsys.readouterr().out)
        assert metrics["ImagesBehind"] == 1

        # Pretend the first sighting was two hours ago: the next run must count from the record, not from now.
        boto3.client("dynamodb").put_item(
            TableName=TABLE, Item={"target": {"S": later}, "since": {"N": str(recorded[later] - 7200)}}
        )
        second = invoke(SCHEDULED_EVENT)

        assert second["behind"][0]["behind_seconds"] >= 7200
        assert _items() == {later: recorded[later] - 7200}
        metrics = emf_metrics(capsys.readouterr().out)
        assert (metrics["ImagesBehind"], metrics["OldestBehindSeconds"] >= 7200) == (1, True)

        ecr.rules.clear()
        third = invoke(SCHEDULED_EVENT)

    assert [i["status"] for i in third["images"]] == ["skipped", "copied"]
    assert third["images"][1]["digest"] == pushed.digest
    assert third["behind"] == [] and _items() == {}
    metrics = emf_metrics(capsys.readouterr().out)
    assert (metrics["ImagesBehind"], metrics["OldestBehindSeconds"]) == (0, 0)


def test_an_entry_not_checked_is_neither_counted_behind_nor_cleared(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    behind_table: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`nosuch:1` is not found upstream: the mirror's side is never looked at, so nothing is known about it."""
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("alpine:3.20\nnosuch:1\n")
    nosuch = f"{ECR_HOST}/{mirrored('library/nosuch:1')}"
    boto3.client("dynamodb").put_item(TableName=TABLE, Item={"target": {"S": nosuch}, "since": {"N": "1000"}})

    out = invoke(SCHEDULED_EVENT)

    assert [i["status"] for i in out["images"]] == ["copied", "failed"]
    assert out["images"][1]["freshness"] == "not checked"
    assert (out["behind"], out["summary"]["behind"], out["summary"]["not_checked"]) == ([], 0, 1)
    assert _items() == {nosuch: 1000}  # kept: the next check decides
    assert emf_metrics(capsys.readouterr().out)["ImagesBehind"] == 0


def test_dry_run_lists_what_is_behind_with_both_digests_and_writes_nothing(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    behind_table: str,
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("alpine:3.20\n")

    out = invoke({"dry_run": True})

    (entry,) = out["behind"]
    assert entry["status"] == "planned"
    assert entry["upstream_digest"] == seeded_registry.images["library/alpine:3.20"].digest
    assert entry["mirror_digest"] is None
    assert _items() == {}


def test_a_moved_tag_publishes_one_image_updated_event(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    updated_events: EventReader,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("alpine:3.20\n")
    invoke(SCHEDULED_EVENT)
    assert emf_metrics(capsys.readouterr().out)["ImageEventsPublished"] == 1
    first = updated_events()
    alpine = seeded_registry.images["library/alpine:3.20"]
    assert len(first) == 1
    assert first[0]["source"] == "docker.io/library/alpine:3.20"
    assert first[0]["target"] == f"{ECR_HOST}/{mirrored('library/alpine:3.20')}"
    assert (first[0]["previous_digest"], first[0]["digest"]) == (None, alpine.digest)
    assert sorted(first[0]["platforms"]) == ["linux/amd64", "linux/arm64/v8"]

    invoke(SCHEDULED_EVENT)  # nothing changed upstream: no event
    assert updated_events() == []
    assert emf_metrics(capsys.readouterr().out)["ImageEventsPublished"] == 0

    moved = push_image(seeded_registry.registry, "library/alpine", oci_image(seed="alpine-next"), tags=["3.20"])
    invoke(SCHEDULED_EVENT)
    (event,) = updated_events()
    assert (event["previous_digest"], event["digest"]) == (alpine.digest, moved.digest)
    assert event["platforms"] == [] and event["bytes"] > 0
    assert emf_metrics(capsys.readouterr().out)["ImageEventsPublished"] == 1


def test_publishing_failures_are_counted_and_never_fail_the_image(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    aws: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV_EVENT_BUS, "no-such-bus")
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("alpine:3.20\n")

    out = invoke(SCHEDULED_EVENT)

    assert [i["status"] for i in out["images"]] == ["copied"]
    assert out["image_events"] == {"sent": 0, "failed": 1}
    assert emf_metrics(capsys.readouterr().out)["ImageEventsFailed"] == 1
