"""What the function's handlers tell CloudWatch: Powertools logs (structured JSON), metrics (EMF) and traces.

The planner and the fan-out worker emit the same metrics for the same outcomes, so alarms and the dashboard read
an inline run and a fanned-out one alike. Credentials never reach the logs: events are not logged, and only
summaries of results are.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit

from ecr_mirror.mirror.report import Report, Status

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "ecr-mirror")
NAMESPACE = os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "EcrMirror")
STATUS_METRICS = {
    Status.COPIED: "ImagesCopied",
    Status.SKIPPED: "ImagesSkipped",
    Status.FAILED: "ImagesFailed",
    Status.DEFERRED: "ImagesDeferred",
    Status.QUEUED: "ImagesQueued",
    Status.HELD: "ImagesHeld",
    Status.REJECTED: "ImagesRejected",
}


class _CurrentStdout:
    """Writes to whatever sys.stdout is at write time (the Lambda runtime's, a local run's, a test's capture)."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


logger = Logger(service=SERVICE, stream=_CurrentStdout())  # type: ignore[arg-type]  # any writable text stream
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
Handler = TypeVar("Handler", bound=Callable[..., Any])


def tracing_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Powertools' own rule: trace inside Lambda (LAMBDA_TASK_ROOT set), unless POWERTOOLS_TRACE_DISABLED says not.

    Outside Lambda (the CLI, tests, a local import) the X-Ray SDK is never imported: Powertools' Tracer imports it
    even when disabled, and it is the largest part of importing the handler (BENCHMARKS.md, cold start).
    """
    env = os.environ if environ is None else environ
    disabled = env.get("POWERTOOLS_TRACE_DISABLED", "false").strip().lower() in {"1", "true", "yes", "on"}
    local = bool(env.get("AWS_SAM_LOCAL") or env.get("AWS_CHALICE_CLI_MODE"))
    return bool(env.get("LAMBDA_TASK_ROOT")) and not disabled and not local


def traced(handler: Handler) -> Handler:
    """Wrap a Lambda handler in an X-Ray trace when tracing is on; otherwise return it untouched."""
    if not tracing_enabled():
        return handler
    from aws_lambda_powertools import Tracer

    # Only boto3 calls are traced: the X-Ray SDK keeps its trace context per thread, which concurrent asyncio
    # tasks (the engine's httpx requests) would share and interleave.
    tracer = Tracer(service=SERVICE, patch_modules=["botocore"])
    wrapped: Handler = tracer.capture_lambda_handler(capture_response=False)(handler)
    return wrapped


_logging_configured = False


def configure_logging() -> None:
    """Once per process: the engine's loggers write structured JSON too; chatty libraries are quietened."""
    global _logging_configured  # noqa: PLW0603 - one-time setup, on first invocation rather than on import
    if _logging_configured:
        return
    logging.getLogger("ecr_mirror")  # register the package logger so the copy below finds it
    copy_config_to_registered_loggers(source_logger=logger, include={"ecr_mirror"})
    for noisy in ("httpx", "httpcore"):  # their lines print every URL, a CDN's presigned Location among them
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("botocore").setLevel(logging.INFO)  # its DEBUG lines print response bodies: secret values
    _logging_configured = True


def reset_logging() -> None:
    """Tests: configure again on the next invocation."""
    global _logging_configured  # noqa: PLW0603
    _logging_configured = False


def record_report_metrics(report: Report) -> None:
    for status, name in STATUS_METRICS.items():
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=report.count(status))
    metrics.add_metric(name="BytesCopied", unit=MetricUnit.Bytes, value=report.bytes)
    metrics.add_metric(name="SourcePulls", unit=MetricUnit.Count, value=report.pulls)
    if report.rate_limit_remaining is not None:
        metrics.add_metric(name="SourceRateLimitRemaining", unit=MetricUnit.Count, value=report.rate_limit_remaining)


def record_counts(counts: Mapping[str, int]) -> None:
    for name, value in counts.items():
        unit = MetricUnit.Seconds if name.endswith("Seconds") else MetricUnit.Count
        metrics.add_metric(name=name, unit=unit, value=value)


def log_report(report: Report) -> None:
    for image in report.images:
        log = {
            Status.FAILED: logger.error,
            Status.REJECTED: logger.error,
            Status.DEFERRED: logger.warning,
            Status.HELD: logger.warning,
        }.get(image.status, logger.info)
        log(f"image {image.status}: {image.source}", extra={"image": image.to_dict()})
    logger.info("run finished", extra={"summary": report.summary()})
