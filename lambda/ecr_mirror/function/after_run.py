"""What the function does once the engine is done: since when each entry is behind upstream (function/behind.py)
and an event per tag moved to new content (function/image_events.py). Both are switched on by the stack's
environment; neither can fail the run."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import boto3

from ecr_mirror.function.behind import BehindEntry, BehindLedger, BehindState
from ecr_mirror.function.image_events import Published, publish_updates
from ecr_mirror.mirror.report import Report

ENV_BEHIND_TABLE = "ECR_MIRROR_BEHIND_TABLE"
ENV_EVENT_BUS = "ECR_MIRROR_EVENT_BUS"


@dataclass
class Followup:
    behind: BehindState
    published: Published = field(default_factory=Published)

    def metrics(self) -> dict[str, int]:
        return {
            "ImagesBehind": len(self.behind.entries),
            "OldestBehindSeconds": self.behind.oldest_seconds,
            "ImageEventsPublished": self.published.sent,
            "ImageEventsFailed": self.published.failed,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "behind": self.behind.to_list(),
            "image_events": {"sent": self.published.sent, "failed": self.published.failed},
        }


def after_run(report: Report, *, dry_run: bool, complete: bool, environ: Mapping[str, str] | None = None) -> Followup:
    """`complete`: the run covered the whole list (not the console's own `images`)."""
    env = os.environ if environ is None else environ
    table = env.get(ENV_BEHIND_TABLE)
    ledger = BehindLedger(boto3.client("dynamodb"), table) if table else None
    if ledger is not None:
        behind = ledger.update(report.images, write=not dry_run, complete=complete)
    else:  # no table (a stack from before it): every behind entry counts from now
        now = time.time()
        behind = BehindState(now=now, entries=[BehindEntry(r, now) for r in report.behind])
    published = Published()
    bus = env.get(ENV_EVENT_BUS)
    if bus and not dry_run:
        published = publish_updates(boto3.client("events"), bus, report.images, behind.announced)
        if ledger is not None and published.announced:
            ledger.record_announced(published.announced)
    return Followup(behind=behind, published=published)
