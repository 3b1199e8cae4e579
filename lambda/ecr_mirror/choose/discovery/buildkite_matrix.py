"""The combinations of a Buildkite step's build matrix, and a value with their `{{ matrix.X }}` filled in (pure).

A client's test step sets `RUBY_VERSION: '{{ matrix.ruby }}'` in its `env:` over `matrix: {setup: {ruby: ['4.0',
'3.4']}, adjustments: [{with: {ruby: '9.4', ruby_source: jruby}}]}`: Buildkite runs one job per combination, each
with the templates of its step filled in (https://buildkite.com/docs/pipelines/configure/workflows/build-matrix).
Read are a single dimension (`matrix: [a, b]`, or `setup: [a, b]`, written `{{matrix}}`) and several
(`setup: {os: [...], arch: [...]}`, every combination, written `{{matrix.os}}`, spaces inside the braces allowed);
an adjustment's `with:` adds its combination when the setup does not hold it, and `skip:` (other than `false`)
removes it. A value that is not a scalar, and a matrix of more than `MAX_COMBINATIONS`, give none.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

MAX_COMBINATIONS = 256
_TEMPLATE_RE = re.compile(r"\{\{\s*matrix(?:\.([\w-]+))?\s*\}\}")
_SINGLE = ""  # the dimension of a single-dimension matrix (`{{matrix}}`)


def _scalar(value: object) -> str | None:
    return str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None


def _one(value: object) -> dict[str, str] | None:
    """A combination as an adjustment's `with:` writes it (a scalar for a single dimension)."""
    if isinstance(value, dict):
        pairs = {str(name): _scalar(item) for name, item in value.items()}
        return {name: item for name, item in pairs.items() if item is not None} or None
    return {_SINGLE: scalar} if (scalar := _scalar(value)) is not None else None


def _setup(setup: object) -> list[dict[str, str]]:
    """Every combination of the setup's dimensions, in order (the first dimension varies slowest)."""
    if isinstance(setup, list):
        return [{_SINGLE: value} for item in setup if (value := _scalar(item)) is not None]
    if not isinstance(setup, dict):
        return []
    names = [str(name) for name in setup]
    columns = [
        [value for item in values if (value := _scalar(item)) is not None] if isinstance(values, list) else []
        for values in setup.values()
    ]
    if not names or any(not column for column in columns):
        return []
    size = 1
    for column in columns:
        size *= len(column)
    if size > MAX_COMBINATIONS:
        return []
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*columns)]


def combinations(step: dict[Any, Any]) -> list[dict[str, str]]:
    """The combinations of the step's `matrix` (dimension -> value; `""` for a single dimension), adjustments
    applied; none without a matrix."""
    matrix = step.get("matrix")
    if isinstance(matrix, list):
        return _setup(matrix)
    if not isinstance(matrix, dict):
        return []
    out = _setup(matrix.get("setup"))
    adjustments = matrix.get("adjustments")
    for adjustment in adjustments if isinstance(adjustments, list) else ():
        combination = _one(adjustment.get("with")) if isinstance(adjustment, dict) else None
        if combination is None:
            continue
        skip = adjustment.get("skip", False)
        if skip is not False and skip is not None:
            out = [item for item in out if item != combination]
        elif combination not in out and len(out) < MAX_COMBINATIONS:
            out.append(combination)
    return out


def filled(value: str, combination: dict[str, str]) -> str:
    """`value` with each `{{ matrix.X }}` (`{{matrix}}`) the combination has replaced by its value; others kept."""

    def one(match: re.Match[str]) -> str:
        return combination.get(match.group(1) or _SINGLE, match.group(0))

    return _TEMPLATE_RE.sub(one, value) if "{{" in value else value
