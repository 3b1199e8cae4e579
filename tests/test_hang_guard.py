"""The hang guard of hostile-input tests (tests/support/hang_guard.py): results back, errors raised, hangs failed."""

from __future__ import annotations

import time

import pytest

from tests.support.hang_guard import finishes


def _echo(text: str, times: int, *, tail: str = "") -> dict[str, int]:
    return {text + tail: len(text * times)}


def _refuse(text: str) -> None:
    raise ValueError(f"no {text}")


def test_the_result_comes_back_from_the_child() -> None:
    assert finishes(_echo, "ab", 3) == {"ab": 6}
    assert finishes(_echo, "ab", 2, tail="c") == {"abc": 4}


def test_an_error_in_the_child_fails_the_test_naming_it() -> None:
    with pytest.raises(AssertionError, match="_refuse raised ValueError: no input"):
        finishes(_refuse, "input")


def test_a_child_past_its_deadline_is_killed_and_fails_the_test() -> None:
    with pytest.raises(pytest.fail.Exception, match="sleep did not finish within 1 s"):
        finishes(time.sleep, 30, deadline=1.0)
