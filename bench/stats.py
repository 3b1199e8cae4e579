"""Medians and spreads of repeated samples, and the facts about the machine that ran them."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .calibration import calibrate


@dataclass(frozen=True)
class Summary:
    median: float
    low: float
    high: float
    n: int

    @property
    def spread(self) -> float:
        """(max - min) / median: the relative spread of the repetitions."""
        return (self.high - self.low) / self.median if self.median else 0.0


def summarize(values: Sequence[float]) -> Summary:
    if not values:
        raise ValueError("no samples")
    return Summary(statistics.median(values), min(values), max(values), len(values))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1024 * 1024)
    except OSError:
        pass
    return 0.0


def git_commit(repo: Path) -> str:
    """Short HEAD, plus a note when the engine's files differ from it (read-only git commands)."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except OSError:
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--", "lambda/ecr_mirror"):
        commit += " (engine files modified in the work tree)"
    return commit


def machine(repo: Path) -> dict[str, str]:
    return {
        "cpu": cpu_model(),
        "cores": str(os.cpu_count() or 0),
        "memory": f"{memory_gib():.1f} GiB",
        "kernel": platform.release(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(repo),
        "calibration": f"{calibrate():.3f} s",
    }
