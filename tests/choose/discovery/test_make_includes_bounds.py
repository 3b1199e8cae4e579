"""Hang guards of the readers of included makefiles on hostile files (tests/support/hang_guard.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_include_defaults import with_includer_values
from ecr_mirror.choose.discovery.make_includes import with_included_values
from tests.support.hang_guard import finishes

_N = 80_000


def test_many_unclosed_defines_are_read_in_linear_time() -> None:
    scripts = {"Makefile": "include a.mk\n$(call x)\n", "a.mk": "define x\n" * _N}
    assert finishes(with_included_values, scripts)["a.mk"] == scripts["a.mk"]


def test_a_long_chain_of_called_defines_is_read_in_linear_time() -> None:
    chain = "".join(f"define d{i}\n$(call d{i + 1})\nendef\n" for i in reversed(range(12_000)))
    scripts = {"Makefile": "include a.mk\nall:\n\t$(call d0)\n", "a.mk": chain}
    out = finishes(with_included_values, scripts)["Makefile"]
    assert "define d11999" in out and "define d0" in out


def test_many_later_assignments_are_read_in_linear_time() -> None:
    top = "include a.mk\n" + "".join(f"V{i} = x\n" for i in range(_N))
    included = "".join(f"V{i} ?= y\nall{i}:\n\techo $(V{i})\n" for i in range(_N))
    out = finishes(with_includer_values, {"Makefile": top, "a.mk": included})
    assert "V7 ?= x" in out["a.mk"]
