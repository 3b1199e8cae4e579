"""Hang guards of shell_file_loops.py on hostile scripts (tests/support/hang_guard.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_file_loops import file_loops
from tests.support.hang_guard import finishes

_N = 80_000


def _no_file(path: str) -> None:
    return None


def test_many_unclosed_while_loops_are_read_in_linear_time() -> None:
    text = "while read -r line; do\n" * _N
    assert finishes(file_loops, text, ".", ["."], _no_file) == text


def test_a_list_file_loop_is_still_unrolled_after_unclosed_loops() -> None:
    text = "while read -r x; do\n  for y in a; do\n  done\ndone < images.txt\n"
    out = file_loops(text, ".", ["."], lambda path: "alpine:3\nbusybox:1\n" if path == "images.txt" else None)
    assert out.splitlines()[0] == "for x in alpine:3 busybox:1; do"
    assert out.splitlines()[3] == "done"
