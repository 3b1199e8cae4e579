"""`Mirrored Image Updated` events on EventBridge: one per copy that moved a tag to new content, so users can
rebuild what is built FROM it; `Mirrored Image Held` and `Mirrored Image Rejected` when a policy holds back or refuses
an upstream digest (docs/policies.md): once per digest and outcome where the behind table remembers what was
announced (`announced`), else every run. Publishing never fails an image: failures are logged and counted.

PutEvents takes at most 10 entries per call, each under 256 KB
(https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from ecr_mirror.ecr.aws_errors import aws_error
from ecr_mirror.mirror.report import ImageResult, Status

log = logging.getLogger(__name__)

EVENT_SOURCE = "ecr-mirror"
DETAIL_TYPE = "Mirrored Image Updated"
HELD_TYPE = "Mirrored Image Held"
REJECTED_TYPE = "Mirrored Image Rejected"
BATCH = 10


@dataclass(frozen=True)
class Published:
    sent: int = 0
    failed: int = 0
    announced: dict[str, str] = field(default_factory=dict)  # target -> gate mark of each accepted Held/Rejected


def gate_mark(result: ImageResult) -> str | None:
    """What a Held or Rejected event announces: the outcome for this upstream digest (None for other results)."""
    if result.status in (Status.HELD, Status.REJECTED):
        return f"{result.status.value}:{result.upstream_digest}"
    return None


def event_detail(result: ImageResult) -> dict[str, Any]:
    return {
        "source": result.source,
        "target": result.target,
        "previous_digest": result.previous_digest,
        "digest": result.digest,
        "upstream_digest": result.upstream_digest,
        "platforms": list(result.platforms),
        "bytes": result.bytes,
    }


def gate_detail(result: ImageResult) -> dict[str, Any]:
    return {
        "source": result.source,
        "target": result.target,
        "upstream_digest": result.upstream_digest,
        "mirror_digest": result.previous_digest,
        "policy": result.policy,
        "reason": result.held_reason or result.error,
        "eligible_at": result.eligible_at,
    }


def _event(result: ImageResult) -> tuple[str, dict[str, Any]] | None:
    if result.moved:
        return DETAIL_TYPE, event_detail(result)
    if result.status is Status.HELD:
        return HELD_TYPE, gate_detail(result)
    if result.status is Status.REJECTED:
        return REJECTED_TYPE, gate_detail(result)
    return None


def publish_updates(
    client: Any, bus: str, results: Iterable[ImageResult], announced: Mapping[str, str] | None = None
) -> Published:
    """Publish an event for each result that moved its tag, or that a policy held or rejected unless `announced`
    (target -> gate mark) shows that outcome already announced; returns how many were accepted and how many not,
    and the gate marks accepted."""
    entries: list[dict[str, str]] = []
    marks: list[tuple[str, str] | None] = []
    for result in results:
        event = _event(result)
        mark = gate_mark(result)
        if event is None or (mark is not None and (announced or {}).get(result.target) == mark):
            continue
        kind, detail = event
        entries.append({"Source": EVENT_SOURCE, "DetailType": kind, "EventBusName": bus, "Detail": json.dumps(detail)})
        marks.append((result.target, mark) if mark is not None else None)
    sent = failed = 0
    accepted: dict[str, str] = {}
    for start in range(0, len(entries), BATCH):
        batch = entries[start : start + BATCH]
        batch_marks = marks[start : start + BATCH]
        try:
            answer = client.put_events(Entries=batch)
        except ClientError as exc:
            log.warning("cannot publish %d image-updated events to %s: %s", len(batch), bus, aws_error(exc))
            failed += len(batch)
            continue
        rejected = int(answer.get("FailedEntryCount", 0))
        for entry, marked, outcome in zip(batch, batch_marks, answer.get("Entries", []), strict=False):
            if outcome.get("ErrorCode"):
                target = json.loads(entry["Detail"])["target"]
                log.warning("event for %s rejected: %s %s", target, outcome["ErrorCode"], outcome.get("ErrorMessage"))
            elif marked is not None and outcome.get("EventId"):
                accepted[marked[0]] = marked[1]
        sent += len(batch) - rejected
        failed += rejected
    return Published(sent=sent, failed=failed, announced=accepted)
