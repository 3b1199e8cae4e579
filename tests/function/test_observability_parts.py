"""What the function tells CloudWatch, part by part: when tracing is on (Powertools' rule), what a traced handler is
wrapped in, each metric with its unit, each image's log line at its level, and the loggers set up once."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import aws_lambda_powertools
import pytest

from ecr_mirror.function import observability
from ecr_mirror.function.observability import (
    STATUS_METRICS,
    configure_logging,
    log_report,
    metrics,
    record_counts,
    record_report_metrics,
    traced,
    tracing_enabled,
)
from ecr_mirror.mirror.report import ImageResult, Report, Status

from .helpers import log_records


@pytest.fixture
def metric_set() -> Iterator[Callable[[], dict[str, tuple[str, list[float]]]]]:
    metrics.clear_metrics()

    def read() -> dict[str, tuple[str, list[float]]]:
        return {name: (m["Unit"], list(m["Value"])) for name, m in metrics.metric_set.items()}

    yield read
    metrics.clear_metrics()


@pytest.mark.parametrize(
    ("env", "on"),
    [
        ({}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task"}, True),
        ({"LAMBDA_TASK_ROOT": ""}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": "false"}, True),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": "0"}, True),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": "1"}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": " TRUE "}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": "yes"}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "POWERTOOLS_TRACE_DISABLED": "On"}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "AWS_SAM_LOCAL": "true"}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "AWS_CHALICE_CLI_MODE": "true"}, False),
        ({"LAMBDA_TASK_ROOT": "/var/task", "AWS_SAM_LOCAL": ""}, True),
    ],
)
def test_tracing_is_on_only_inside_lambda_unless_disabled_or_local(env: dict[str, str], on: bool) -> None:
    assert tracing_enabled(env) is on


def test_tracing_reads_the_process_environment_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LAMBDA_TASK_ROOT", "POWERTOOLS_TRACE_DISABLED", "AWS_SAM_LOCAL", "AWS_CHALICE_CLI_MODE"):
        monkeypatch.delenv(name, raising=False)
    assert tracing_enabled() is False
    monkeypatch.setenv("LAMBDA_TASK_ROOT", "/var/task")
    assert tracing_enabled() is True


def test_a_traced_handler_traces_only_boto3_and_never_its_response(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[dict[str, Any]] = []

    class FakeTracer:
        def __init__(self, **kwargs: Any) -> None:
            made.append(kwargs)

        def capture_lambda_handler(self, **kwargs: Any) -> Callable[[Any], Any]:
            made.append(kwargs)
            return lambda handler: ("wrapped", handler)

    def handler(event: object, context: object) -> None:
        return None

    monkeypatch.setattr(aws_lambda_powertools, "Tracer", FakeTracer)
    for name in ("POWERTOOLS_TRACE_DISABLED", "AWS_SAM_LOCAL", "AWS_CHALICE_CLI_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("LAMBDA_TASK_ROOT", raising=False)
    assert traced(handler) is handler and made == []
    monkeypatch.setenv("LAMBDA_TASK_ROOT", "/var/task")
    wrapped: object = traced(handler)
    assert wrapped == ("wrapped", handler)
    assert made == [{"service": observability.SERVICE, "patch_modules": ["botocore"]}, {"capture_response": False}]


def test_each_status_count_bytes_pulls_and_the_quota_left_are_metrics_with_their_units(
    metric_set: Callable[[], dict[str, tuple[str, list[float]]]],
) -> None:
    images = [
        ImageResult("a", "a", Status.COPIED, bytes=100, pulls=2),
        ImageResult("b", "b", Status.COPIED, bytes=20, pulls=1),
        ImageResult("c", "c", Status.SKIPPED),
        ImageResult("d", "d", Status.FAILED),
        ImageResult("e", "e", Status.DEFERRED),
        ImageResult("f", "f", Status.QUEUED),
        ImageResult("g", "g", Status.HELD),
        ImageResult("h", "h", Status.REJECTED),
        ImageResult("i", "i", Status.HELD),
    ]
    record_report_metrics(Report(images, rate_limit_remaining=42))
    assert metric_set() == {
        "ImagesCopied": ("Count", [2.0]),
        "ImagesSkipped": ("Count", [1.0]),
        "ImagesFailed": ("Count", [1.0]),
        "ImagesDeferred": ("Count", [1.0]),
        "ImagesQueued": ("Count", [1.0]),
        "ImagesHeld": ("Count", [2.0]),
        "ImagesRejected": ("Count", [1.0]),
        "BytesCopied": ("Bytes", [120.0]),
        "SourcePulls": ("Count", [3.0]),
        "SourceRateLimitRemaining": ("Count", [42.0]),
    }
    assert len(STATUS_METRICS) == 7
    metrics.clear_metrics()
    record_report_metrics(Report([], rate_limit_remaining=0))
    assert metric_set()["SourceRateLimitRemaining"] == ("Count", [0.0])
    metrics.clear_metrics()
    record_report_metrics(Report([]))
    assert "SourceRateLimitRemaining" not in metric_set()


def test_counts_are_counts_and_seconds_are_seconds(
    metric_set: Callable[[], dict[str, tuple[str, list[float]]]],
) -> None:
    record_counts({"ListErrors": 2, "OldestBehindSeconds": 30, "SecondsLeft": 1})
    assert metric_set() == {
        "ListErrors": ("Count", [2.0]),
        "OldestBehindSeconds": ("Seconds", [30.0]),
        "SecondsLeft": ("Count", [1.0]),
    }


def test_each_image_is_logged_at_the_level_its_status_deserves_then_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    statuses = [Status.COPIED, Status.SKIPPED, Status.FAILED, Status.REJECTED, Status.DEFERRED, Status.HELD]
    report = Report([ImageResult(f"src/{s}", f"dst/{s}", s) for s in statuses])
    capsys.readouterr()
    log_report(report)
    records = log_records(capsys.readouterr().out)
    assert [(r["level"], r["message"]) for r in records] == [
        ("INFO", "image copied: src/copied"),
        ("INFO", "image skipped: src/skipped"),
        ("ERROR", "image failed: src/failed"),
        ("ERROR", "image rejected: src/rejected"),
        ("WARNING", "image deferred: src/deferred"),
        ("WARNING", "image held: src/held"),
        ("INFO", "run finished"),
    ]
    assert records[2]["image"] == report.images[2].to_dict()
    assert records[-1]["summary"] == json.loads(json.dumps(report.summary()))


def test_logging_is_configured_once_and_quietens_the_libraries_that_print_secrets() -> None:
    observability.reset_logging()
    for name in ("httpx", "httpcore", "botocore"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    configure_logging()
    assert logging.getLogger("httpx").level == logging.WARNING
    assert logging.getLogger("httpcore").level == logging.WARNING
    assert logging.getLogger("botocore").level == logging.INFO
    assert logging.getLogger("ecr_mirror").handlers, "the package logger writes through Powertools' handler"
    # Once per process: a second call changes nothing.
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    configure_logging()
    assert logging.getLogger("httpx").level == logging.DEBUG
    observability.reset_logging()
    configure_logging()
    assert logging.getLogger("httpx").level == logging.WARNING


def test_configuring_leaves_the_libraries_handlers_alone() -> None:
    observability.reset_logging()
    before = {name: list(logging.getLogger(name).handlers) for name in ("botocore", "httpx", "tests")}
    configure_logging()
    assert {name: list(logging.getLogger(name).handlers) for name in before} == before


def test_in_a_fresh_process_the_engines_log_lines_are_structured_json() -> None:
    # Nothing else has touched the `ecr_mirror` logger there (in this process, the test fixtures have).
    import os
    import subprocess
    import sys
    from pathlib import Path

    import ecr_mirror

    code = (
        "import logging; from ecr_mirror.function.observability import configure_logging; "
        "logging.getLogger('ecr_mirror.mirror.run'); configure_logging(); "
        "logging.getLogger('ecr_mirror.mirror.run').warning('an engine line')"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(ecr_mirror.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)
    (line,) = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
    assert (line["level"], line["message"], line["service"]) == ("WARNING", "an engine line", observability.SERVICE)
