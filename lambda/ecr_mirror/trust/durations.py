"""Durations as the command line's --deadline takes them: `90s`, `10m`, `48h`, or a bare number of seconds."""

from __future__ import annotations

import re

_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)([smh]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600}


def parse_duration(value: object) -> float:
    """Seconds, or ValueError saying what a duration looks like."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    match = _DURATION_RE.fullmatch(value.strip().lower()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not a duration: write e.g. 2s, 10m or 48h (a bare number is seconds)")
    return float(match[1]) * _UNIT_SECONDS[match[2]]
