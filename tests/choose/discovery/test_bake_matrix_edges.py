"""bake_matrix at its edges: references with spaces around dots, entries that are not lists, a matrix that is not an
object, lists named by expressions, an empty list, the cap on combinations; each result compared whole."""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.bake_matrix import MAX_COMBINATIONS, matrix_combinations, reference
from ecr_mirror.choose.discovery.hcl import Expr


def _none(_: Expr) -> list[Any] | None:
    return None


def test_a_reference_loses_the_spaces_around_its_dots() -> None:
    assert reference(Expr("item . tgt", 1)) == "item.tgt"
    assert reference(Expr("a.b", 1)) == "a.b"


def test_what_leaves_the_matrix_unknown() -> None:
    assert matrix_combinations({"pg": 5}, _none) == ([{}], Expr("pg = 5", 0))
    assert matrix_combinations("x", _none) == ([{}], Expr("matrix", 0))
    assert matrix_combinations(Expr("m", 4), _none) == ([{}], Expr("m", 4))
    assert matrix_combinations({"a": ["1"], "b": Expr("other", 2, "x.hcl")}, _none) == (
        [{}],
        Expr("b = other", 2, "x.hcl"),
    )


def test_the_combinations() -> None:
    def listed(expr: Expr) -> list[Any] | None:
        return ["x", "y"] if expr.text == "l" else None

    assert matrix_combinations({"a": ["1", "2"], "b": Expr("l", 2)}, listed) == (
        [{"a": "1", "b": "x"}, {"a": "1", "b": "y"}, {"a": "2", "b": "x"}, {"a": "2", "b": "y"}],
        None,
    )
    assert matrix_combinations({"a": [], "b": ["1"]}, _none) == ([{}], None)
    combos, unknown = matrix_combinations({"a": list(range(17)), "b": list(range(17))}, _none)
    assert (len(combos), combos[-1], unknown) == (MAX_COMBINATIONS, {"a": 15, "b": 0}, None)
