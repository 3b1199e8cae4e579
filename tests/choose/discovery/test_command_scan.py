"""command_scan: the matches of a command where it runs, and what an image word found there resolves to."""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_scan import command_runs, image_found
from ecr_mirror.choose.discovery.shell_words import ShellValues

_PULL_RE = re.compile(r"(?<![\w./-])tool[ \t]+pull(?![\w-])")


def _runs(text: str, comments: tuple[str, ...] = ("#",)) -> list[tuple[int, str]]:
    return [
        (line, joined[match.end() :].split()[0])
        for line, joined, match in command_runs(text, _PULL_RE, ("tool",), comments)
    ]


def test_runs_are_read_on_joined_lines_at_their_first_line() -> None:
    text = "set -e\ntool pull \\\n  alpine:3.20\nsudo tool pull busybox:1.36 && tool pull redis:7\n"
    assert _runs(text) == [(2, "alpine:3.20"), (4, "busybox:1.36"), (4, "redis:7")]


def test_comments_echoed_text_and_lines_without_a_needle_are_not_runs() -> None:
    text = '# tool pull nginx:1\necho "tool pull nginx:2"\nother pull nginx:4\ntool pull nginx:5\n'
    assert _runs(text) == [(4, "nginx:5")]
    assert _runs(text, ("#", "tool")) == []


def test_an_image_word_resolves_to_each_value_or_is_unresolved_naming_it() -> None:
    text = 'IMAGE=alpine:3.20\nEMPTY=""\ntool pull $IMAGE\ntool pull $EMPTY\ntool pull $OTHER\n'
    values = ShellValues.of(text, yaml=False)
    found = [
        image_found(values, line, word, "run.sh", "tool pull")
        for line, word in ((3, "$IMAGE"), (4, "$EMPTY"), (5, "$OTHER"))
    ]
    (resolved,), (empty,), (unknown,) = found
    assert (resolved.text, resolved.problem, resolved.line, resolved.use) == ("alpine:3.20", None, 3, "tool pull")
    assert empty.text == "$EMPTY" and empty.problem is not None and "$EMPTY is empty" in empty.problem
    assert unknown.text == "$OTHER" and unknown.problem is not None and "OTHER" in unknown.problem
