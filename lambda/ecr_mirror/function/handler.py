"""Lambda entry point: event -> image list -> plan -> copies (inline, or fanned out to the work queue) -> report.

Failed images do not fail the invocation: the return value lists them and the ImagesFailed metric counts them.
A bad event, bad settings or a missing/empty image list do fail it, with one message naming what to fix.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.errors import ConfigError
from ecr_mirror.function.after_run import after_run
from ecr_mirror.function.environment import ENV_ENDPOINTS, FunctionSettings
from ecr_mirror.function.events import Request, parse_event
from ecr_mirror.function.fanout import plan_and_run
from ecr_mirror.function.image_lists import (
    LoadedList,
    Problem,
    load_parameter_lists,
    merge_lists,
    put_parameter_command,
)
from ecr_mirror.function.observability import (
    configure_logging,
    log_report,
    logger,
    metrics,
    record_counts,
    record_report_metrics,
    traced,
)
from ecr_mirror.function.session import credentials, mirror_options
from ecr_mirror.function.trust_state import first_seen_table, trust_context
from ecr_mirror.mirror.report import Report
from ecr_mirror.mirror.run import mirror_list
from ecr_mirror.trust.judge import TrustContext


@logger.inject_lambda_context(log_event=False)
@traced
@metrics.log_metrics
def handler(event: object, context: LambdaContext) -> dict[str, Any]:
    configure_logging()
    request = parse_event(event)
    settings = FunctionSettings.from_environment()
    logger.info("invoked", extra={"trigger": request.trigger, "dry_run": request.dry_run})
    if settings.endpoints:
        logger.warning(f"{ENV_ENDPOINTS} redirects registries (tests, lab)", extra={"endpoints": settings.endpoints})
    loaded = load_image_list(request, settings)
    log_list_problems(loaded)
    table = first_seen_table()
    trust = trust_context(loaded.images, table, dry_run=request.dry_run)
    report, target = run(request, settings, loaded.images, context, trust)
    followup = after_run(report, dry_run=request.dry_run, complete=request.images is None)
    if table is not None and trust.record and trust.first_seen.changed:
        table.save(trust.first_seen, report.images)  # after the ledger, onto the items it keeps
    record_report_metrics(report)
    record_counts({"ListErrors": len(loaded.errors), **followup.metrics()})
    log_report(report)
    return {**result(request, loaded, report, target), **followup.to_dict()}


def load_image_list(request: Request, settings: FunctionSettings) -> LoadedList:
    """The event's `images`, else the parameter and those under the path; fails when it names no image at all."""
    if request.images is not None:
        loaded = merge_lists("event key 'images'", [("event key 'images'", "\n".join(request.images))])
    else:
        name = settings.require_parameter()
        changed = request.changed_parameter
        path = settings.parameter_path
        if changed and changed != name and not (path and changed.startswith(path)):
            logger.warning("change event names another parameter", extra={"event_parameter": changed})
        loaded = load_parameter_lists(boto3.client("ssm"), name, settings.parameter_path)
    images = loaded.images
    if not images.entries and not images.rules and not loaded.errors:
        fix = (
            ""
            if request.images is not None
            else f": {put_parameter_command(settings.parameter_name or '', overwrite=True)}"
        )
        raise ConfigError(
            f"{loaded.origin} names no images: write one image reference per line (e.g. alpine:3.20){fix}"
        )
    return loaded


def run(
    request: Request,
    settings: FunctionSettings,
    images: ImageList,
    context: LambdaContext,
    trust: TrustContext | None = None,
) -> tuple[Report, str]:
    """Log in to ECR, mirror every entry under `<ECR host>/<prefix>`; returns the report and that target.

    With a work queue (fan-out), a scheduled or parameter-change run plans first and queues big work; the
    console's `images` and dry runs always run inline.
    """
    ecr_client = boto3.client("ecr")
    host, store = credentials(settings, ecr_client)
    target = f"{host}/{settings.prefix}"
    options = mirror_options(settings, ecr_client, context, concurrency=request.concurrency, dry_run=request.dry_run)
    options = replace(options, trust=trust)
    if not (images.entries or images.rules):
        return Report(), target
    if settings.work_queue_url and request.images is None and not request.dry_run:
        sqs = boto3.client("sqs")
        report = plan_and_run(
            images, target, store, options, settings, sqs, force=request.fanout, plan_id=context.aws_request_id
        )
        return report, target
    return asyncio.run(mirror_list(images, target, store, options)), target


def log_list_problems(loaded: LoadedList) -> None:
    for problem in loaded.errors:
        logger.error("image list entry rejected", extra=_line(problem))
    for warning in loaded.warnings:
        logger.warning("image list entry ignored", extra=_line(warning))


def result(request: Request, loaded: LoadedList, report: Report, target: str) -> dict[str, Any]:
    """The return value: the engine's report plus what the list and the request contributed."""
    out = report.to_dict()
    out.update(
        trigger=request.trigger,
        dry_run=request.dry_run,
        image_list=loaded.origin,
        target=target,
        list_errors=[_line(e) for e in loaded.errors],
        list_warnings=[_line(w) for w in loaded.warnings],
    )
    return out


def _line(problem: Problem) -> dict[str, Any]:
    error = problem.error
    return {"list": problem.origin, "line": error.line, "text": error.text, "reason": error.message}
