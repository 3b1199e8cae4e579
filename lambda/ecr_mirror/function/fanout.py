"""Plan, then fan out: a run whose work does not fit one invocation goes to the work queue, one image per message.

The plan checks every entry with HEAD requests only (no Docker Hub pull), far wider than copies run. When the
images that need work are few (at most `fanout_above_images`), they are copied inline, now, and the report is the
usual one. Otherwise each goes to the queue as a work item, within the Docker Hub quota the plan's HEAD answers
announced (above the reserve); the report says what was queued, what is up to date, and what was deferred for
quota. Workers (function/worker.py) copy the queued images.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.observability import logger
from ecr_mirror.function.session import FLUSH_MARGIN
from ecr_mirror.function.work_queue import WorkItem, send_work, within_quota
from ecr_mirror.mirror.report import ImageResult, Report, Status
from ecr_mirror.mirror.run import MirrorOptions, Planned, mirror, plan_list
from ecr_mirror.oci.credentials import CredentialStore


def plan_and_run(
    images: ImageList,
    target: str,
    store: CredentialStore,
    options: MirrorOptions,
    settings: FunctionSettings,
    sqs: Any,
    *,
    force: bool,
    plan_id: str,
) -> Report:
    """Plan the list; copy inline when the work is small (and not `force`d to the queue), else queue it."""
    assert settings.work_queue_url is not None
    plan_options = replace(options, check_concurrency=settings.plan_concurrency)
    report, planned = asyncio.run(plan_list(images, target, store, plan_options))
    needing = [p for p in planned if p.result.status is Status.PLANNED]
    logger.info("planned", extra={"checked": len(planned), "needing_work": len(needing), "forced": force})
    if not needing:
        return report
    if not force and len(needing) <= settings.fanout_above_images:
        if options.time_left is not None:  # the deadline counts from the copy's start: the plan took some time
            options = replace(options, deadline=max(0.0, options.time_left() - FLUSH_MARGIN))
        copied = asyncio.run(mirror([p.job for p in needing], store, options))
        _replace_results(report, needing, copied.images)
        report.rate_limit_remaining = _lowest(report.rate_limit_remaining, copied.rate_limit_remaining)
        return report
    _queue(report, needing, settings, sqs, plan_id)
    return report


def _queue(report: Report, needing: list[Planned], settings: FunctionSettings, sqs: Any, plan_id: str) -> None:
    items = [
        WorkItem(
            source=p.result.source,
            target=p.result.target,
            platforms=p.job.platforms,
            referrers=p.job.referrers,
            upstream_digest=p.result.upstream_digest,
            plan=plan_id,
            policies=tuple(policy for policy in p.job.policies if policy.signed),
        )
        for p in needing
    ]
    choice = within_quota(items, report.rate_limit_remaining, settings.rate_limit_reserve, settings.pulls_per_image)
    assert settings.work_queue_url is not None
    sent, failed = send_work(sqs, settings.work_queue_url, choice.queued)
    deferred = {item.target for item in choice.deferred}
    for planned in needing:
        result = planned.result
        if result.target in deferred:
            result.status = Status.DEFERRED
            result.detail = (
                f"Docker Hub quota: {report.rate_limit_remaining} pulls left, {settings.rate_limit_reserve} kept in "
                f"reserve, {settings.pulls_per_image} budgeted per image; the next plan queues it"
            )
        elif result.target in failed:
            result.status, result.error = Status.FAILED, failed[result.target]
        else:
            result.status, result.detail = Status.QUEUED, "sent to the work queue"
    logger.info("queued", extra={"queued": sent, "deferred": len(deferred), "not_queued": len(failed)})


def _replace_results(report: Report, needing: list[Planned], copied: list[ImageResult]) -> None:
    """Put the copies' results where the plan's `planned` results stood, keeping the list's order."""
    by_position = {id(p.result): new for p, new in zip(needing, copied, strict=True)}
    report.images = [by_position.get(id(r), r) for r in report.images]


def _lowest(a: int | None, b: int | None) -> int | None:
    known = [v for v in (a, b) if v is not None]
    return min(known) if known else None
