"""The events put on the bus, entry by entry: which results publish which event with which detail, what an
earlier announcement suppresses, and how accepted, refused and failed entries are counted and remembered."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ecr_mirror.function.image_events import (
    DETAIL_TYPE,
    HELD_TYPE,
    REJECTED_TYPE,
    Published,
    event_detail,
    gate_detail,
    gate_mark,
    publish_updates,
)
from ecr_mirror.mirror.report import ImageResult, Status

OLD, NEW = "sha256:" + "1" * 64, "sha256:" + "2" * 64


def copied(n: int, previous: str | None = OLD) -> ImageResult:
    return ImageResult(
        f"docker.io/library/app{n}:1",
        f"ecr/mirror/app{n}:1",
        Status.COPIED,
        digest=NEW,
        bytes=1234 + n,
        upstream_digest=NEW,
        previous_digest=previous,
        platforms=["linux/amd64", "linux/arm64"],
    )


def held(n: int, status: Status = Status.HELD) -> ImageResult:
    return ImageResult(
        f"docker.io/library/app{n}:1",
        f"ecr/mirror/app{n}:1",
        status,
        error="signature does not verify" if status is Status.REJECTED else None,
        upstream_digest=NEW,
        previous_digest=OLD,
        policy="team",
        held_reason="younger than 1h" if status is Status.HELD else None,
        eligible_at="2026-01-01T01:00:00+00:00" if status is Status.HELD else None,
    )


class Bus:
    """A put_events recorder; each call's answer comes from `answers` (default: every entry accepted)."""

    def __init__(self, *answers: Any) -> None:
        self.calls: list[list[dict[str, str]]] = []
        self.answers = list(answers)

    def put_events(self, Entries: list[dict[str, str]]) -> dict[str, Any]:
        self.calls.append(Entries)
        answer = self.answers.pop(0) if self.answers else None
        if isinstance(answer, Exception):
            raise answer
        if answer is not None:
            return dict(answer)
        return {"FailedEntryCount": 0, "Entries": [{"EventId": f"e{n}"} for n, _ in enumerate(Entries)]}

    def details(self) -> list[tuple[str, dict[str, Any]]]:
        return [(e["DetailType"], json.loads(e["Detail"])) for call in self.calls for e in call]


def test_the_detail_of_each_event() -> None:
    assert event_detail(copied(1)) == {
        "source": "docker.io/library/app1:1",
        "target": "ecr/mirror/app1:1",
        "previous_digest": OLD,
        "digest": NEW,
        "upstream_digest": NEW,
        "platforms": ["linux/amd64", "linux/arm64"],
        "bytes": 1235,
    }
    assert gate_detail(held(2)) == {
        "source": "docker.io/library/app2:1",
        "target": "ecr/mirror/app2:1",
        "upstream_digest": NEW,
        "mirror_digest": OLD,
        "policy": "team",
        "reason": "younger than 1h",
        "eligible_at": "2026-01-01T01:00:00+00:00",
    }
    rejected = gate_detail(held(3, Status.REJECTED))
    assert (rejected["reason"], rejected["eligible_at"]) == ("signature does not verify", None)
    assert gate_mark(held(2)) == f"held:{NEW}"
    assert gate_mark(held(3, Status.REJECTED)) == f"rejected:{NEW}"
    assert gate_mark(copied(1)) is None


def test_each_result_publishes_its_own_event_type_on_the_bus_from_ecr_mirror() -> None:
    skipped = ImageResult("docker.io/library/s:1", "ecr/mirror/s:1", Status.SKIPPED, digest=NEW, previous_digest=NEW)
    failed = ImageResult("docker.io/library/f:1", "ecr/mirror/f:1", Status.FAILED, error="boom")
    same = copied(4, previous=NEW)  # copied over the same digest: the tag did not move
    results = [copied(1), held(2), held(3, Status.REJECTED), skipped, failed, same, copied(5, previous=None)]
    bus = Bus()
    published = publish_updates(bus, "my-bus", results)
    assert published == Published(
        sent=4, failed=0, announced={"ecr/mirror/app2:1": f"held:{NEW}", "ecr/mirror/app3:1": f"rejected:{NEW}"}
    )
    assert [(kind, detail["target"]) for kind, detail in bus.details()] == [
        (DETAIL_TYPE, "ecr/mirror/app1:1"),
        (HELD_TYPE, "ecr/mirror/app2:1"),
        (REJECTED_TYPE, "ecr/mirror/app3:1"),
        (DETAIL_TYPE, "ecr/mirror/app5:1"),
    ]
    assert (DETAIL_TYPE, HELD_TYPE, REJECTED_TYPE) == (
        "Mirrored Image Updated",
        "Mirrored Image Held",
        "Mirrored Image Rejected",
    )
    entry = bus.calls[0][1]
    assert set(entry) == {"Source", "DetailType", "EventBusName", "Detail"}
    assert (entry["Source"], entry["EventBusName"]) == ("ecr-mirror", "my-bus")
    assert json.loads(entry["Detail"]) == gate_detail(held(2))
    assert publish_updates(Bus(), "my-bus", []) == Published()


def test_an_outcome_already_announced_is_not_sent_again_but_a_new_digest_or_outcome_is() -> None:
    bus = Bus()
    announced = {"ecr/mirror/app2:1": f"held:{NEW}", "ecr/mirror/app3:1": f"held:{NEW}", "ecr/mirror/app1:1": "x"}
    published = publish_updates(bus, "b", [copied(1), held(2), held(3, Status.REJECTED)], announced)
    assert [(k, d["target"]) for k, d in bus.details()] == [
        (DETAIL_TYPE, "ecr/mirror/app1:1"),  # an update is never suppressed
        (REJECTED_TYPE, "ecr/mirror/app3:1"),  # held before, rejected now
    ]
    assert published.announced == {"ecr/mirror/app3:1": f"rejected:{NEW}"}


def test_refused_entries_count_as_failed_and_only_accepted_gate_events_are_remembered_across_batches(
    caplog: pytest.LogCaptureFixture,
) -> None:
    results = [copied(n) for n in range(9)] + [held(9), held(10), held(11)]
    first = {
        "FailedEntryCount": 2,
        "Entries": [{"EventId": f"e{n}"} for n in range(8)]
        + [{"ErrorCode": "InternalFailure", "ErrorMessage": "x"}, {"EventId": "e9"}],
    }
    second = {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "ThrottlingException"}, {"EventId": "e11"}]}
    bus = Bus(first, second)
    published = publish_updates(bus, "b", results)
    assert [len(c) for c in bus.calls] == [10, 2]
    assert (published.sent, published.failed) == (9, 3)
    # app9 accepted in the first batch, app10 refused, app11 accepted in the second: marks follow their entries.
    assert published.announced == {"ecr/mirror/app9:1": f"held:{NEW}", "ecr/mirror/app11:1": f"held:{NEW}"}
    assert [r.getMessage() for r in caplog.records] == [
        "event for ecr/mirror/app8:1 rejected: InternalFailure x",
        "event for ecr/mirror/app10:1 rejected: ThrottlingException None",
    ]
    # An entry the bus answered without an EventId is not remembered as announced.
    quiet = Bus({"FailedEntryCount": 0, "Entries": [{}]})
    assert publish_updates(quiet, "b", [held(2)]) == Published(sent=1, failed=0, announced={})
    # An answer without FailedEntryCount counts all sent.
    assert publish_updates(Bus({"Entries": [{"EventId": "a"}]}), "b", [copied(1)]).sent == 1


def test_a_call_the_bus_refuses_fails_its_batch_and_the_next_batch_is_still_sent(
    caplog: pytest.LogCaptureFixture,
) -> None:
    refused = ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "PutEvents")
    bus = Bus(refused)
    results = [copied(n) for n in range(10)] + [held(10)]
    published = publish_updates(bus, "b", results)
    assert [len(c) for c in bus.calls] == [10, 1]
    assert published == Published(sent=1, failed=10, announced={"ecr/mirror/app10:1": f"held:{NEW}"})
    assert [r.getMessage() for r in caplog.records] == [
        "cannot publish 10 image-updated events to b: AccessDeniedException: no"
    ]
    # Failures add up across batches: an entry refused in the first, the whole second call refused.
    one_refused = {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "X"}] + [{"EventId": "e"}] * 9}
    assert publish_updates(Bus(one_refused, refused), "b", results) == Published(sent=9, failed=2)
