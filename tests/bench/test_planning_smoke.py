"""Smoke test of the planning benchmark (`python -m bench.planning --quick`): a tiny warm list is planned with
HEAD requests only, and the tiny fan-out simulation copies every image once, inline and by workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import planning

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_planning_benchmark_finds_every_entry_up_to_date(tmp_path: Path, registry_binary: str) -> None:
    benchmarks = REPO / "BENCHMARKS.md"
    before = benchmarks.read_bytes() if benchmarks.exists() else None
    out = tmp_path / "planning.json"

    code = planning.main(["--quick", "--json-out", str(out)])

    assert code == 0
    doc = json.loads(out.read_text())
    assert doc["meta"]["registries"] == "docker-registry, GOGC=800"  # the stand-ins' setting is on the record
    (plan,) = doc["plans"]
    entries = plan["entries"]
    assert entries >= 2 and plan["planned"] == entries
    assert plan["statuses"] == {"skipped": entries}  # every entry is already mirrored: a warm check
    assert plan["errors"] == []
    # Two HEADs per entry, one at each registry, and nothing else: no pull spent at the source.
    assert plan["source"] == {"HEAD manifest": entries}
    assert plan["target"] == {"HEAD manifest": entries}
    assert plan["source"].get("GET manifest", 0) == 0
    assert 1_000 < plan["max_rss_kib"] < 2_000_000  # KiB: the probe's own peak, between 1 MB and 2 GB

    modes = {f["mode"]: f for f in doc["fanout"]}
    assert set(modes) == {"inline", "fanout"}
    for result in modes.values():
        images = sum(result["statuses"].values())
        assert result["statuses"] == {"copied": images}
        assert result["digests_ok"] == images and result["problems"] == []
        assert result["source_manifest_gets"] == images  # each image pulled once
        assert result["target_manifest_puts"] == images  # and written once
    assert modes["fanout"]["processes"] > 1
    assert (benchmarks.read_bytes() if benchmarks.exists() else None) == before  # the quick run writes no report
