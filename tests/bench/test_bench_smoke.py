"""Smoke test of the benchmark (`python -m bench.run --tiny`): every contender runs, every number is sane.

A tiny corpus (a real-file image, a 1 MiB "large" layer, a two-platform index with attestations, three small
images), one repetition, results written under tmp_path: BENCHMARKS.md is never touched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import run as bench_run
from bench.report import END, START

REPO = Path(__file__).resolve().parents[2]
TOOLS = ("ecr-mirror", "skopeo-copy", "skopeo-sync")


def _samples(doc: dict[str, Any], scenario: str, tool: str) -> list[dict[str, Any]]:
    return [s for s in doc["samples"] if s["scenario"] == scenario and s["tool"] == tool]


@pytest.mark.slow
def test_tiny_benchmark_runs_every_tool_and_checks_digests(
    tmp_path: Path, registry_binary: str, skopeo_binary: str
) -> None:
    benchmarks = REPO / "BENCHMARKS.md"
    before = benchmarks.read_bytes() if benchmarks.exists() else None
    out_md, out_json = tmp_path / "BENCH.md", tmp_path / "results.json"

    code = bench_run.main(
        ["--tiny", "--cache-dir", str(tmp_path / "cache"), "--output", str(out_md), "--json-out", str(out_json)]
    )

    assert code == 0
    doc = json.loads(out_json.read_text())
    images = doc["meta"]["corpus"]["images"]
    distinct = doc["meta"]["corpus"]["distinct_blobs"]
    assert images >= 6 and distinct >= images

    for scenario in ("cold", "warm"):
        for tool in TOOLS:
            (sample,) = _samples(doc, scenario, tool)
            assert 0 < sample["seconds"] < 60, sample
            assert 1_000 < sample["max_rss_kib"] < 2_000_000, sample  # KiB: between 1 MB and 2 GB
            assert sample["problems"] == [], sample  # the target answers the source's digest for every image
    for tool in ("ecr-mirror", "curl"):
        (sample,) = _samples(doc, "large", tool)
        assert sample["problems"] == [] and sample["seconds"] > 0

    (cold,) = _samples(doc, "cold", "ecr-mirror")
    assert cold["source"].get("GET blob") == distinct  # each distinct blob fetched once
    assert cold["target"].get("PATCH upload", 0) == 0
    (warm,) = _samples(doc, "warm", "ecr-mirror")
    assert warm["source"].get("GET manifest", 0) == 0  # nothing changed: no pulls
    assert warm["source"].get("GET blob", 0) == 0
    assert sum(warm["source"].values()) <= 2 * images

    checks = {c["name"]: c for c in doc["checks"]}
    assert checks["every tool's copies carry the source digests"]["ok"]
    assert checks["warm: source manifest GETs"]["ok"]
    assert checks["cold: blob GETs at the source per distinct blob"]["ok"]

    text = out_md.read_text()
    assert START in text and END in text and "| cold corpus sync |" in text
    assert (benchmarks.read_bytes() if benchmarks.exists() else None) == before


@pytest.mark.slow
def test_tiny_wan_benchmark_goes_through_the_proxies(tmp_path: Path, registry_binary: str, skopeo_binary: str) -> None:
    out_md, out_json = tmp_path / "BENCH.md", tmp_path / "results.json"

    code = bench_run.main(
        [
            "--tiny",
            "--wan",
            "--latency-ms",
            "2",
            "--cut-at",
            "0.9",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--output",
            str(out_md),
            "--json-out",
            str(out_json),
        ]
    )

    assert code == 0
    doc = json.loads(out_json.read_text())
    assert doc["meta"]["link"]["rtt_ms"] == 4
    for scenario in ("cold", "warm"):
        for tool in TOOLS:
            (sample,) = _samples(doc, scenario, tool)
            assert sample["problems"] == [], sample
            assert sample["connections"] > 0, sample  # the tool reached both registries through the proxies
    (cold,) = _samples(doc, "cold", "ecr-mirror")
    assert cold["source_bytes"] >= doc["meta"]["corpus"]["bytes"]  # every blob crossed the source's link
    (resume,) = _samples(doc, "resume", "ecr-mirror")
    assert doc["meta"]["resume"]["cuts"] == 1
    assert resume["source_bytes"] >= 0.9 * doc["meta"]["resume"]["blob_bytes"]
    text = out_md.read_text()
    assert "## Across a network (WAN mode)" in text and "round-trip limit" in text
    assert "Resume after a cut" in text
