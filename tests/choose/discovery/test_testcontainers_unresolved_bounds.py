"""Hang guards (tests/support/hang_guard.py) of testcontainers_unresolved.py: many calls given one constant, a long
unclosed qualified name, and many unresolved names against many listed lines."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.testcontainers import started_images
from ecr_mirror.choose.discovery.testcontainers_unresolved import UNRESOLVED_NAME, without_followed
from tests.support.hang_guard import finishes

_HEAD = "import org.testcontainers.containers.GenericContainer;\n"


def test_many_calls_given_one_constant_are_read_in_linear_time() -> None:
    text = _HEAD + "new GenericContainer<>(Images.POSTGRES);\n" * 40_000
    found = finishes(started_images, text, "A.java")
    assert len(found) == 40_000 and {item.text for item in found} == {"Images.POSTGRES"}


def test_a_long_unclosed_qualified_name_is_no_call() -> None:
    text = _HEAD + "new GenericContainer<>(" + "a." * 200_000 + "\n"
    assert finishes(started_images, text, "A.java") == []


def _line(origin: str, line: int) -> str:
    return f"x = IMAGE_{line - 1}"


def test_many_unresolved_names_against_many_listed_lines() -> None:
    names = [Found(f"IMAGE_{n}", "a.java", n + 1, f"`IMAGE_{n}` {UNRESOLVED_NAME}") for n in range(20_000)]
    listed = [Found("redis:7", "b.java", n + 1, use="testcontainers") for n in range(20_000)]
    kept = finishes(without_followed, names + listed, _line)
    assert kept == listed
