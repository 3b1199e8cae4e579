"""A hang guard for readers fed hostile input (thousands of unclosed blocks, long runs of blanks, deep nesting).

`finishes(function, *args, **kwargs)` runs `function(*args, **kwargs)` in a child process and returns its result, or
fails the test when the child has not answered within `DEADLINE` seconds (the child is then killed). It is not a
performance figure: those are the benchmark's (bench/), as ratios in one run. The tests that use it size their
inputs so that the super-linear readings the reviews removed would take many minutes (quadratic readings took 26 to
106 s on inputs a quarter of these sizes, so about sixteen times that here), while the linear readings take a few
seconds at most on a loaded 2-core machine: the deadline sits between the two with a margin of ten or more either
way, so a slow machine does not fail such a test and a reading gone super-linear again does not pass one.

A child process, not a thread: a regular expression that runs away holds the interpreter lock inside C, which no
thread's timeout can interrupt. The child is spawned (not forked: the test process may hold threads and their
locks), so `function` must be importable by name (a module's function, not a lambda) and its arguments and result
picklable.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

DEADLINE = 60.0


def _run(answer: Connection, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        result = function(*args, **kwargs)
    except BaseException as error:  # handed to the test process, which raises it there
        answer.send((False, f"{type(error).__name__}: {error}"))
    else:
        answer.send((True, result))
    answer.close()


def finishes(function: Callable[..., T], *args: Any, deadline: float = DEADLINE, **kwargs: Any) -> T:
    """`function(*args, **kwargs)`, computed in a child process that must answer within `deadline` seconds."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, function, args, kwargs), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(deadline):
            pytest.fail(f"{function.__qualname__} did not finish within {deadline:.0f} s: a super-linear reading?")
        done, result = receive.recv()
    finally:
        child.kill()
        child.join()
        receive.close()
    if not done:
        raise AssertionError(f"{function.__qualname__} raised {result}")
    return result  # type: ignore[no-any-return]
