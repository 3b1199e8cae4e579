"""Time bounds of shell_file_loops.py on hostile scripts: each is read in about linear time."""

from __future__ import annotations

import time

from ecr_mirror.choose.discovery.shell_file_loops import file_loops

_N = 20_000


def test_many_unclosed_while_loops_are_read_in_linear_time() -> None:
    text = "while read -r line; do\n" * _N
    started = time.perf_counter()
    assert file_loops(text, ".", ["."], lambda path: None) == text
    assert time.perf_counter() - started < 3.0


def test_a_list_file_loop_is_still_unrolled_after_unclosed_loops() -> None:
    text = "while read -r x; do\n  for y in a; do\n  done\ndone < images.txt\n"
    out = file_loops(text, ".", ["."], lambda path: "alpine:3\nbusybox:1\n" if path == "images.txt" else None)
    assert out.splitlines()[0] == "for x in alpine:3 busybox:1; do"
    assert out.splitlines()[3] == "done"
