"""Smoke test of `python -m bench.registry_cpu`: a few HEADs at registries with two GOGC values, each answered."""

from __future__ import annotations

import pytest

from bench import registry_cpu


@pytest.mark.slow
def test_registry_cpu_per_head_is_measured_for_each_gogc(
    capsys: pytest.CaptureFixture[str], registry_binary: str
) -> None:
    assert registry_cpu.main(["--heads", "5", "--gogc", "100,off", "--clients", "2", "--repetitions", "1"]) == 0
    out = capsys.readouterr().out
    assert "GOGC=100 run 1:" in out and "GOGC=off run 1:" in out
    rows = [line for line in out.splitlines() if line.startswith("| 100 |") or line.startswith("| off |")]
    assert len(rows) == 2 and all(" ms |" in row for row in rows)
    assert "5 HEADs by tag over 2 kept connections" in out


def test_registry_cpu_refuses_a_count_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        registry_cpu.main(["--heads", "0"])
    assert stop.value.code == 2
    assert "--heads, --clients and --repetitions need positive integers" in capsys.readouterr().err
