"""Scheduled, parameter-change and manual invocations against real registries (Docker Hub and ECR stand-ins)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded

from .conftest import Invoke
from .helpers import (
    ECR_CREDENTIALS,
    ECR_HOST,
    PARAMETER_CHANGE_EVENT,
    SCHEDULED_EVENT,
    FakeContext,
    emf_metrics,
    log_records,
    mirrored,
    target_digest,
    writes,
)

SAMPLES = "alpine:3.20\nbusybox:1.36\npython:3.12-slim\n"


def test_scheduled_run_mirrors_the_parameter_then_a_second_run_skips(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list(SAMPLES)

    first = invoke(SCHEDULED_EVENT)

    assert first["trigger"] == "schedule"
    assert first["target"] == f"{ECR_HOST}/mirror"
    assert [i["status"] for i in first["images"]] == ["copied"] * 3, first
    assert [i["target"] for i in first["images"]] == [f"{ECR_HOST}/{mirrored(n)}" for n in seeded_registry.images]
    for name, pushed in seeded_registry.images.items():
        assert target_digest(ecr_registry, name) == pushed.digest
    assert first["summary"]["bytes"] >= sum(d.blob_bytes for d in seeded_registry.images.values()) // 2
    metrics = emf_metrics(capsys.readouterr().out)
    assert metrics["_namespace"] == "EcrMirror"
    assert metrics["_dimensions"] == {"service": "ecr-mirror"}
    assert (metrics["ImagesCopied"], metrics["ImagesSkipped"], metrics["ImagesFailed"]) == (3, 0, 0)
    assert (metrics["ImagesDeferred"], metrics["ListErrors"]) == (0, 0)
    assert metrics["BytesCopied"] == first["summary"]["bytes"]

    ecr_registry.reset_counts()
    second = invoke(PARAMETER_CHANGE_EVENT)

    assert second["trigger"] == "parameter-change"
    assert [i["status"] for i in second["images"]] == ["skipped"] * 3
    assert [i["digest"] for i in second["images"]] == [d.digest for d in seeded_registry.images.values()]
    assert writes(ecr_registry) == 0
    metrics = emf_metrics(capsys.readouterr().out)
    assert (metrics["ImagesCopied"], metrics["ImagesSkipped"], metrics["BytesCopied"]) == (0, 3, 0)


def test_bad_lines_are_reported_by_number_and_the_good_lines_still_run(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("alpine:3.20\nNot A Valid Reference!\n# a comment\n\nbusybox:1.36\nhttps://example.com/x\nalpine:3.20\n")

    out = invoke(SCHEDULED_EVENT)

    assert [(e["line"], e["text"]) for e in out["list_errors"]] == [
        (2, "Not A Valid Reference!"),
        (6, "https://example.com/x"),
    ]
    assert "invalid" in out["list_errors"][0]["reason"]
    assert [w["line"] for w in out["list_warnings"]] == [7]  # the duplicate
    assert [(i["source"], i["status"]) for i in out["images"]] == [
        ("docker.io/library/alpine:3.20", "copied"),
        ("docker.io/library/busybox:1.36", "copied"),
    ]
    for name in ("library/alpine:3.20", "library/busybox:1.36"):
        assert target_digest(ecr_registry, name) == seeded_registry.images[name].digest
    stdout = capsys.readouterr().out
    assert emf_metrics(stdout)["ListErrors"] == 2
    rejected = [r for r in log_records(stdout) if r["message"] == "image list entry rejected"]
    assert [(r["level"], r["line"]) for r in rejected] == [("ERROR", 2), ("ERROR", 6)]


def test_a_failed_image_does_not_fail_the_invocation_and_counts_in_images_failed(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("busybox:1.36\nlibrary/no-such-image:1.0\n")

    out = invoke(SCHEDULED_EVENT)

    assert [i["status"] for i in out["images"]] == ["copied", "failed"]
    assert "not found" in out["images"][1]["error"]
    assert out["summary"]["failed"] == 1
    stdout = capsys.readouterr().out
    metrics = emf_metrics(stdout)
    assert (metrics["ImagesFailed"], metrics["ImagesCopied"]) == (1, 1)
    failed_logs = [r for r in log_records(stdout) if r["level"] == "ERROR"]
    assert [r["image"]["source"] for r in failed_logs] == ["docker.io/library/no-such-image:1.0"]


def test_manual_dry_run_with_images_plans_and_writes_nothing(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    invoke: Invoke,
) -> None:
    # No parameter exists at all: the event's `images` replace it.
    function_env(seeded_registry.registry.host, ecr_registry.host)

    out = invoke({"images": ["alpine:3.20", "busybox:1.36"], "dry_run": True, "concurrency": 1})

    assert out["trigger"] == "manual"
    assert out["dry_run"] is True
    assert out["image_list"] == "event key 'images'"
    assert [i["status"] for i in out["images"]] == ["planned", "planned"]
    assert out["summary"]["planned"] == 2
    assert writes(ecr_registry) == 0
    catalog = httpx.get(f"{ecr_registry.url}/v2/_catalog", auth=ECR_CREDENTIALS).json()
    assert catalog["repositories"] == []


def test_no_image_starts_without_enough_time_left(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list(SAMPLES)

    out = invoke(SCHEDULED_EVENT, FakeContext(remaining_ms=[60_000]))  # default margin: 90 s

    assert [i["status"] for i in out["images"]] == ["deferred"] * 3
    assert all("time budget" in i["detail"] for i in out["images"])
    assert seeded_registry.registry.request_counts() == {}
    assert writes(ecr_registry) == 0
    assert emf_metrics(capsys.readouterr().out)["ImagesDeferred"] == 3


def test_images_after_the_budget_runs_out_are_deferred(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    monkeypatch: pytest.MonkeyPatch,
    invoke: Invoke,
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    monkeypatch.setenv("ECR_MIRROR_TIME_MARGIN_SECONDS", "30")

    def clock() -> int:
        """120 s left until the first image is tagged at the target, 29 s after (under the 30 s margin)."""
        # sync: the access log lags the answers; a tag PUT already answered must be counted.
        tagged = any(r.method == "PUT" and r.kind == "manifest" for r in ecr_registry.requests(sync=True))
        return 29_000 if tagged else 120_000

    context = FakeContext(clock=clock)

    out = invoke({"images": ["busybox:1.36", "alpine:3.20", "python:3.12-slim"], "concurrency": 1}, context)

    # Copies start in list order, so the first image is the one that fits.
    assert [i["status"] for i in out["images"]] == ["copied", "deferred", "deferred"], out
    assert all("29s left" in i["detail"] for i in out["images"][1:])
    assert target_digest(ecr_registry, "library/busybox:1.36") == seeded_registry.images["library/busybox:1.36"].digest
    catalog = httpx.get(f"{ecr_registry.url}/v2/_catalog", auth=ECR_CREDENTIALS).json()
    assert catalog["repositories"] == [mirrored("library/busybox")]


def test_rules_form_parameter_selects_tags_and_reports_its_choices(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("images:\n  - busybox:1.36\n  - source: alpine\n    tags: {semver: '>=3.19', latest: 1}\n")

    out = invoke(SCHEDULED_EVENT)

    assert [i["status"] for i in out["images"]] == ["copied", "copied"], out
    assert out["rules"] == [
        {
            "line": 3,
            "source": "docker.io/library/alpine",
            "rule": "semver '>=3.19', latest 1",
            "selected": ["3.20"],
            "rejected": {},
            "error": None,
        }
    ]
    assert target_digest(ecr_registry, "library/alpine:3.20") == seeded_registry.images["library/alpine:3.20"].digest
