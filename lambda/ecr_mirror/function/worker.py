"""The fan-out worker: a Lambda handler on the work queue (SQS FIFO, batch size 1), copying one image per message.

At-least-once delivery is expected: the engine re-checks the image with HEAD requests first, so a message
delivered twice reports `skipped` and spends no Docker Hub pull. Outcomes:
- copied or skipped: the message is done (deleted);
- failed: reported as a batch item failure, so SQS delivers it again; after the queue's receive limit it moves
  to the dead-letter queue (and its alarm);
- deferred (the pull quota is down to the reserve, or the run's deadline came): dropped. FIFO queues have no
  per-message delay, and every receive counts toward the redrive, so waiting in the queue would push a healthy
  image into the dead-letter queue; the next plan queues it again (it is still behind, and says so).
- a message that is not a work item (poison) fails at once and so reaches the dead-letter queue.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from ecr_mirror.function.after_run import after_run
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.observability import (
    configure_logging,
    log_report,
    logger,
    metrics,
    record_counts,
    record_report_metrics,
)
from ecr_mirror.function.session import credentials, mirror_options
from ecr_mirror.function.trust_state import worker_trust
from ecr_mirror.function.work_queue import BadWorkItem, WorkItem
from ecr_mirror.mirror.report import ImageResult, Status
from ecr_mirror.mirror.run import Job, mirror
from ecr_mirror.oci.reference import parse_reference

# Run-level figures: the planner reports how many entries are behind; a worker only updates the ledger.
_RUN_LEVEL = ("ImagesBehind", "OldestBehindSeconds")
DROPPED = "; dropped from the work queue: the next plan queues it again"


@logger.inject_lambda_context(log_event=False)
@metrics.log_metrics
def handler(event: Mapping[str, Any], context: LambdaContext) -> dict[str, Any]:
    configure_logging()
    settings = FunctionSettings.from_environment()
    records = list(event.get("Records") or [])
    failures: list[dict[str, str]] = []
    for position, record in enumerate(records):
        message_id = str(record.get("messageId", ""))
        try:
            item = WorkItem.from_body(str(record.get("body", "")))
        except BadWorkItem as exc:
            logger.error("not a work item", extra={"message_id": message_id, "reason": str(exc)})
            failed = True
        else:
            failed = copy_item(item, settings, context).status is Status.FAILED
        if failed:
            # FIFO order: after a failure, the rest of the batch is handed back too, unprocessed.
            failures += [{"itemIdentifier": str(r.get("messageId", ""))} for r in records[position:]]
            break
    return {"batchItemFailures": failures}


def copy_item(item: WorkItem, settings: FunctionSettings, context: LambdaContext) -> ImageResult:
    """Copy one queued image; logs its result in the report's shape and emits an inline run's metrics."""
    ecr_client = boto3.client("ecr")
    _, store = credentials(settings, ecr_client)
    options = mirror_options(settings, ecr_client, context, concurrency=1)
    if item.policies:  # the signature parts only: the planner judged the age
        options = replace(options, trust=worker_trust(item.policies))
    source, target = parse_reference(item.source), parse_reference(item.target)
    job = Job(source, target, item.platforms, item.referrers, item.policies)
    report = asyncio.run(mirror([job], store, options))
    (result,) = report.images
    if result.status is Status.DEFERRED:  # counted in ImagesDeferred like a planner's deferral
        result.detail = f"{result.detail or 'deferred'}{DROPPED}"
    followup = after_run(report, dry_run=False, complete=False)
    record_report_metrics(report)
    record_counts({k: v for k, v in followup.metrics().items() if k not in _RUN_LEVEL})
    log_report(report)
    return result
