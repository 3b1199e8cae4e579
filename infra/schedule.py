"""The interval between two runs of an EventBridge schedule, `rate(...)` or `cron(...)`, for the alarms' period.

A cron expression has six fields: minutes, hours, day-of-month, month, day-of-week, year; `?` in one of the two
day fields, `,` lists, `-` ranges, `/` increments, names JAN-DEC and SUN-SAT (SUN is 1), and `L`, `W`, `#` in the
day fields (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).
Only a schedule whose firings are evenly spaced has one interval: every day at the same times, or every week on
the same days at the same times. Anything else (weekdays only, the 1st of the month, January only) is refused, and
the caller asks for an explicit period instead.
"""

from __future__ import annotations

import itertools
import re

DAY = 1440  # minutes
WEEK = 7 * DAY
_RATE_RE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")
_UNIT_MINUTES = {"minute": 1, "hour": 60, "day": DAY}
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_ANY = ("*", "?")


class ScheduleError(ValueError):
    """The schedule is malformed, or its runs are not evenly spaced; the message says which."""


def interval_seconds(schedule: str) -> int:
    """Seconds between two consecutive runs of `schedule`; ScheduleError when there is no single interval."""
    rate = _RATE_RE.match(schedule)
    if rate:
        return int(rate.group(1)) * _UNIT_MINUTES[rate.group(2).rstrip("s")] * 60
    if not (schedule.startswith("cron(") and schedule.endswith(")")):
        raise ScheduleError(f"{schedule!r} is neither rate(...) nor cron(...)")
    return _cron_interval(schedule) * 60


def _cron_interval(schedule: str) -> int:
    fields = schedule[len("cron(") : -1].split()
    if len(fields) != 6:
        raise ScheduleError(f"{schedule}: a cron expression has six fields, not {len(fields)}")
    minutes, hours, day_of_month, month, day_of_week, year = fields
    times = sorted(
        h * 60 + m
        for h in _values(hours, 0, 23, "hours", schedule)
        for m in _values(minutes, 0, 59, "minutes", schedule)
    )
    irregular = ScheduleError(f"{schedule}: its runs are not regular (not the same times every day or every week)")
    months = _values(month, 1, 12, "month", schedule, _MONTHS, first=1)
    years = _values(year, 1970, 2199, "year", schedule)
    if months != set(range(1, 13)) or years != set(range(1970, 2200)):
        raise irregular
    if day_of_month in _ANY and day_of_week in _ANY:
        return _even_gap(times, DAY, irregular)
    if day_of_month in _ANY:
        if any(mark in day_of_week for mark in ("L", "#")):
            raise irregular
        days = _values(day_of_week, 1, 7, "day-of-week", schedule, _DAYS, first=1)
        return _even_gap([(d - 1) * DAY + t for d in sorted(days) for t in times], WEEK, irregular)
    every_day = not any(mark in day_of_month for mark in ("L", "W")) and _values(
        day_of_month, 1, 31, "day-of-month", schedule
    ) == set(range(1, 32))
    if day_of_week in _ANY and every_day:
        return _even_gap(times, DAY, irregular)
    raise irregular


def _even_gap(firings: list[int], cycle: int, irregular: ScheduleError) -> int:
    """The one gap between consecutive firings of a repeating cycle (minutes), wrapping around its end."""
    gaps = {b - a for a, b in itertools.pairwise(firings)} | {cycle - firings[-1] + firings[0]}
    if len(gaps) != 1:
        raise irregular
    return gaps.pop()


def _values(
    field: str, low: int, high: int, name: str, schedule: str, names: tuple[str, ...] = (), first: int = 0
) -> set[int]:
    """The values a cron field selects: lists of `*`, `?`, `a`, `a-b`, with an optional `/step`."""
    out: set[int] = set()
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        if base in _ANY:
            start, end = low, high
        elif "-" in base:
            start_text, _, end_text = base.partition("-")
            start, end = (
                _number(start_text, names, first, name, schedule),
                _number(end_text, names, first, name, schedule),
            )
        else:
            start = _number(base, names, first, name, schedule)
            end = high if step_text else start
        step = _number(step_text, (), 0, name, schedule) if step_text else 1
        if not (low <= start <= high and low <= end <= high) or step < 1 or start > end:
            raise ScheduleError(f"{schedule}: cron field {name} {field!r} is outside {low}-{high}")
        out.update(range(start, end + 1, step))
    return out


def _number(text: str, names: tuple[str, ...], first: int, name: str, schedule: str) -> int:
    if text.upper() in names:
        return names.index(text.upper()) + first
    if not text.isdigit():
        raise ScheduleError(f"{schedule}: cron field {name} has {text!r}, not a number")
    return int(text)
