"""CommandStarts reads each offset's command position from a bounded text, whatever the line's length."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery import command_starts
from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.shell_command_words import in_command_position


def _read_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of the text each command position is read from (the part of a line a call searches)."""
    lengths: list[int] = []

    def spy(before: str, start: int = 0, end: int | None = None) -> bool:
        lengths.append((len(before) if end is None else end) - start)
        return in_command_position(before, start, end)

    monkeypatch.setattr(command_starts, "in_command_position", spy)
    return lengths


def test_one_line_of_thousands_of_commands_is_read_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    lengths = _read_lengths(monkeypatch)
    line = "buildah from " * 5000
    starts = CommandStarts(line)
    runs = [offset for offset in range(0, len(line), len("buildah from ")) if starts.runs_at(offset)]
    assert runs == [0]  # the first word is the command; every later `buildah from` is its argument
    assert len(lengths) == 5000
    assert max(lengths) <= 1100  # not the whole line before each offset (65,000 characters at the end)


def test_a_long_line_reads_the_same_near_each_command(monkeypatch: pytest.MonkeyPatch) -> None:
    _read_lengths(monkeypatch)
    words = "echo " + "word " * 400  # 2,005 characters of one command's arguments
    cases = {
        words + "X=1 ": True,  # an assignment before a command
        words + "| ": True,
        words + "xargs -n1 -P 4 ": True,
        words + "sudo ": True,
        words + "find . -name '*.tar' -exec ": True,
        words + "retry --times 5 -- ": True,
        words: False,  # an argument of echo
        words + "- ": False,
        " " * 3000: True,  # blanks alone: the line's start
        "x" + " " * 3000: False,
        "run: " + "y" * 3000 + " ": False,
    }
    for before, expected in cases.items():
        line = before + "docker run alpine"
        assert CommandStarts(line).runs_at(len(before)) is expected, before[-40:]
        assert in_command_position(before) is expected, before[-40:]


def test_before_gives_the_text_a_command_position_is_read_from() -> None:
    starts = CommandStarts("a=1; b=2 make x")
    assert starts.before(len("a=1; b=2 ")) == "; b=2 "
    long = "echo " + "word " * 400 + "; X=1 make y"
    assert CommandStarts(long).before(long.index("make")) == "; X=1 "
    longer = "echo " + "word " * 400 + "X=1 make y"
    before = CommandStarts(longer).before(longer.index("make"))
    assert before.endswith(" word X=1 ") and len(before) <= 1100
