"""A CPU calibration figure recorded beside every benchmark table, so a reader can tell a slower machine from a
regression: the CPU model (bench/stats.py) and the time of a fixed pure-Python workload, the best of a few tries
so that a busy moment of the machine weighs less. A table whose calibration is 1.5x slower was run on a machine
(or at a moment) about 1.5x slower for CPython.
"""

from __future__ import annotations

import time

LOOP_ITERATIONS = 400_000


def _workload() -> int:
    """Dictionary, string and integer work, the mix of an HTTP client's per-request bookkeeping."""
    table: dict[str, int] = {}
    total = 0
    for i in range(LOOP_ITERATIONS):
        key = f"h{i & 1023}"
        table[key] = table.get(key, 0) + i
        total += len(key) ^ (i & 7)
    return total + len(table)


def calibrate(tries: int = 5) -> float:
    """Seconds of the fixed workload: the fastest of `tries` runs."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        _workload()
        best = min(best, time.perf_counter() - started)
    return best
