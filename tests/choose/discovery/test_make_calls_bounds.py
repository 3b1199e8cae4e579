"""Hang guards of make_calls.py on scripts of many exports and make calls (tests/support/hang_guard.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_calls import make_calls
from tests.support.hang_guard import finishes


def test_many_exports_and_calls_are_read_in_linear_time() -> None:
    text = "".join(f"export A{i}=b\n" for i in range(8_000)) + "".join(f"make -C d{i} x\n" for i in range(8_000))
    calls = finishes(make_calls, text, bare=True)
    assert len(calls) == 8_000  # the file's exports, too many to pass, are left out: each call as written


def test_a_call_takes_the_exports_before_it_resolved_once() -> None:
    text = "export KIND_IMAGE=kindest/node:v1.30.0\nexport TAG=$(git rev-parse HEAD)\nmake kind\nexport B=2\nmake e2e\n"
    calls = [call for call in make_calls(text, bare=True) if call.exported]
    assert [(call.targets, call.environment) for call in calls] == [
        (("kind",), (("KIND_IMAGE", "kindest/node:v1.30.0"),)),
        (("e2e",), (("KIND_IMAGE", "kindest/node:v1.30.0"), ("B", "2"))),
    ]


def test_many_exports_before_many_calls_are_read_in_bounded_time() -> None:
    text = "".join(f"export A{i}=b\n" for i in range(150)) + "".join(f"make -C d{i} x\n" for i in range(20_000))
    calls = finishes(make_calls, text, bare=True)
    assert len(calls) == 40_000 and len(calls[-1].environment) == 150
