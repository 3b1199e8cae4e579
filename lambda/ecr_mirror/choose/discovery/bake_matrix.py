"""The combinations of a bake target's `matrix` (pure; https://docs.docker.com/build/bake/matrices/).

`matrix = { pg = [15, 16], variant = ["", "-alpine"] }` makes one target per combination (the Cartesian product of
the lists), each with its values as variables (`name = "db-${pg}${variant}"`, `args = { PG_MAJOR = pg }`, `tags =
["acme/db:${pg}"]`); a list may be a variable of the bake files whose default is a list (`jdk = jdks_to_build`), and
its items objects (`item = [{ tgt = "api" }]`, used as `${item.tgt}`), or what a function of the bake files or a
conditional gives (hcl_eval.py). A list this reader does not evaluate (`for`, another function) leaves the matrix
unknown: the caller reads the target once and says so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr

MAX_COMBINATIONS = 256


def reference(expr: Expr) -> str:
    """The text of an expression with the spaces the HCL reader puts around `.` removed (`item . tgt` -> `item.tgt`)."""
    return re.sub(r"\s*\.\s*", ".", expr.text)


Listed = Callable[[Expr], list[Any] | None]


def _values(value: object, listed: Listed) -> list[Any] | Expr:
    """The list a matrix entry names, or the expression when this reader cannot know it."""
    if isinstance(value, list):
        return value
    if isinstance(value, Expr) and (values := listed(value)) is not None:
        return values
    return value if isinstance(value, Expr) else Expr(str(value), 0)


def matrix_combinations(matrix: object, listed: Listed) -> tuple[list[dict[str, Any]], Expr | None]:
    """(the combinations, None), or ([{}], the entry's expression) when one of the lists is not known. `listed`
    gives the list an expression evaluates to (a variable, a function of the bake files), None when it cannot."""
    if not isinstance(matrix, dict):
        return [{}], matrix if isinstance(matrix, Expr) else Expr("matrix", 0)
    names: list[str] = []
    lists: list[list[Any]] = []
    for name, value in matrix.items():
        values = _values(value, listed)
        if isinstance(values, Expr):
            return [{}], Expr(f"{name} = {values.text}", values.line, values.origin)
        names.append(name)
        lists.append(values)
    combos = [dict(zip(names, chosen, strict=True)) for chosen in itertools.product(*lists)]
    return combos[:MAX_COMBINATIONS] or [{}], None
