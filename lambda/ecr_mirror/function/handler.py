"""Lambda entry point: event -> image list -> engine -> summary, with Powertools logs, metrics and traces.

Failed images do not fail the invocation: the return value lists them and the ImagesFailed metric counts them.
A bad event, bad settings or a missing/empty image list do fail it, with one message naming what to fix.
Credentials never reach the logs: the event is not logged, and only summaries of results are.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

import boto3
from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.ecr.login import registry_login
from ecr_mirror.ecr.repositories import RepositoryCreator
from ecr_mirror.errors import ConfigError
from ecr_mirror.function.after_run import after_run
from ecr_mirror.function.dockerhub_secret import docker_hub_credentials
from ecr_mirror.function.environment import ENV_ENDPOINTS, FunctionSettings
from ecr_mirror.function.events import Request, parse_event
from ecr_mirror.function.image_lists import LoadedList, Problem, load_parameter_lists, merge_lists
from ecr_mirror.mirror.report import Report, Status
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.reference import DOCKER_HUB

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "ecr-mirror")
NAMESPACE = os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "EcrMirror")
STATUS_METRICS = {
    Status.COPIED: "ImagesCopied",
    Status.SKIPPED: "ImagesSkipped",
    Status.FAILED: "ImagesFailed",
    Status.DEFERRED: "ImagesDeferred",
}
# Seconds kept back from the invocation's remaining time when the run's hard deadline is set: enough to log the
# report and flush the metrics before Lambda ends the invocation at its timeout.
FLUSH_MARGIN = 30.0


class _CurrentStdout:
    """Writes to whatever sys.stdout is at write time (the Lambda runtime's, a local run's, a test's capture)."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


logger = Logger(service=SERVICE, stream=_CurrentStdout())  # type: ignore[arg-type]  # any writable text stream
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
# Only boto3 calls are traced: the X-Ray SDK keeps its trace context per thread, which concurrent asyncio
# tasks (the engine's httpx requests) would share and interleave.
tracer = Tracer(service=SERVICE, patch_modules=["botocore"])
_logging_configured = False


def configure_logging() -> None:
    """Once per process: the engine's loggers write structured JSON too; chatty libraries are quietened."""
    global _logging_configured  # noqa: PLW0603 - one-time setup, on first invocation rather than on import
    if _logging_configured:
        return
    logging.getLogger("ecr_mirror")  # register the package logger so the copy below finds it
    copy_config_to_registered_loggers(source_logger=logger, include={"ecr_mirror"})
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines would print every URL
    logging.getLogger("botocore").setLevel(logging.INFO)  # its DEBUG lines print response bodies: secret values
    _logging_configured = True


@logger.inject_lambda_context(log_event=False)
@tracer.capture_lambda_handler(capture_response=False)
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
    report, target = run(request, settings, loaded.images, time_left=_time_left(context))
    followup = after_run(report, dry_run=request.dry_run, complete=request.images is None)
    record_metrics(report, loaded)
    for name, value in followup.metrics().items():
        unit = MetricUnit.Seconds if name.endswith("Seconds") else MetricUnit.Count
        metrics.add_metric(name=name, unit=unit, value=value)
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
        raise ConfigError(f"{loaded.origin} names no images: write one image reference per line (e.g. alpine:3.20)")
    return loaded


def run(
    request: Request, settings: FunctionSettings, images: ImageList, *, time_left: Callable[[], float]
) -> tuple[Report, str]:
    """Log in to ECR, mirror every entry under `<ECR host>/<prefix>`; returns the report and that target."""
    ecr_client = boto3.client("ecr")
    host, store = credentials(settings, ecr_client)
    target = f"{host}/{settings.prefix}"
    options = MirrorOptions(
        image_concurrency=request.concurrency,
        dry_run=request.dry_run,
        plain_http=settings.plain_http,
        rate_limit_reserve=settings.rate_limit_reserve,
        time_left=time_left,
        image_time_margin=settings.time_margin,
        deadline=max(0.0, time_left() - FLUSH_MARGIN),
        endpoints=settings.endpoints,
        create_repository=RepositoryCreator(ecr_client, settings.repository),
    )
    has_work = bool(images.entries or images.rules)
    report = asyncio.run(mirror_list(images, target, store, options)) if has_work else Report()
    return report, target


def credentials(settings: FunctionSettings, ecr_client: Any) -> tuple[str, CredentialStore]:
    """The account's ECR registry host and a store with its token and, if configured, Docker Hub's."""
    host, ecr_credentials = registry_login(ecr_client)
    store = CredentialStore({host: ecr_credentials})
    if settings.docker_hub_secret:
        store.add(DOCKER_HUB, docker_hub_credentials(boto3.client("secretsmanager"), settings.docker_hub_secret))
        logger.info("using Docker Hub credentials from Secrets Manager")
    else:
        logger.info("no Docker Hub secret configured: pulling anonymously")
    return host, store


def _time_left(context: LambdaContext) -> Callable[[], float]:
    return lambda: context.get_remaining_time_in_millis() / 1000.0


def record_metrics(report: Report, loaded: LoadedList) -> None:
    for status, name in STATUS_METRICS.items():
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=report.count(status))
    metrics.add_metric(name="BytesCopied", unit=MetricUnit.Bytes, value=report.bytes)
    metrics.add_metric(name="SourcePulls", unit=MetricUnit.Count, value=report.pulls)
    metrics.add_metric(name="ListErrors", unit=MetricUnit.Count, value=len(loaded.errors))
    if report.rate_limit_remaining is not None:
        metrics.add_metric(name="SourceRateLimitRemaining", unit=MetricUnit.Count, value=report.rate_limit_remaining)


def log_list_problems(loaded: LoadedList) -> None:
    for problem in loaded.errors:
        logger.error("image list entry rejected", extra=_line(problem))
    for warning in loaded.warnings:
        logger.warning("image list entry ignored", extra=_line(warning))


def log_report(report: Report) -> None:
    for image in report.images:
        log = {Status.FAILED: logger.error, Status.DEFERRED: logger.warning}.get(image.status, logger.info)
        log(f"image {image.status}: {image.source}", extra={"image": image.to_dict()})
    logger.info("run finished", extra={"summary": report.summary()})


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
