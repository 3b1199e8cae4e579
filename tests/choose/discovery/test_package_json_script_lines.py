"""A package.json whose scripts share a line: each script is found at its own line, even when an earlier line holds
the beginning of its text."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.json_scripts import json_script_lines

PACKAGE = """\
{"description": "try: docker run app:",
"scripts": {"a": "docker run app:1", "b": "docker run db:2"}}
"""


def test_each_script_at_the_line_of_its_whole_text() -> None:
    found = docker_runs(PACKAGE, "package.json")
    assert [(item.text, item.line, item.problem) for item in found] == [("app:1", 2, None), ("db:2", 2, None)]


CASES = {
    "a script that is no string before the others": (
        '{"scripts": {"n": 1, "a": "docker run a:1", "b": "docker run b:2"}}\n',
        [("a:1", 1), ("b:2", 1)],
    ),
    "the same script twice, on two lines": (
        '{"scripts": {"a": "docker run x:1", "b": "echo hi",\n"c": "docker run x:1", "d": "echo"}}\n',
        [("x:1", 1), ("x:1", 2)],
    ),
    "a script with a letter JSON may escape": (
        '{"name": "p", "v": 1,\n"scripts": {"a": "docker run acc:1 caf\u00e9", "b": "echo"}}\n',
        [("acc:1", 2)],
    ),
    "the same script on consecutive lines": (
        '{"scripts": {"a": "docker run x:1",\n"c": "docker run x:1", "d": "docker run z:3"}}\n',
        [("x:1", 1), ("x:1", 2), ("z:3", 2)],
    ),
    "a script found again inside a later one": (
        '{"scripts": {"a": "docker run x:1",\n"b": "echo", "c": "docker run y:2 && docker run x:1"}}\n',
        [("x:1", 1), ("y:2", 2), ("x:1", 2)],
    ),
    "a blank first line": ('\n{"scripts": {"a": "docker run bl:1", "b": "echo"}}\n', [("bl:1", 2)]),
    "a script of two lines": ('{"scripts": {"a": "docker run ml:1\\necho hi", "b": "echo"}}\n', [("ml:1", 1)]),
    "an earlier line holding the script but its first letter": (
        '{"description": "see Docker run app:1",\n"scripts": {"a": "docker run app:1", "b": "echo"}}\n',
        [("app:1", 2)],
    ),
    "lines of an array before scripts sharing a line": (
        '{"files": [\n"dist",\n"lib"],\n"scripts": {"a": "docker run x:1", "b": "docker run y:2"}}\n',
        [("x:1", 4), ("y:2", 4)],
    ),
    "one script a line, escapes decoded": (
        '{\n  "scripts": {\n    "a": "docker run pe:1 \\/tmp",\n    "b": "docker run pm:2\\necho"\n  }\n}\n',
        [("pe:1", 3), ("pm:2", 4)],
    ),
    "one script a line, one of them no JSON string": (
        '{\n  "scripts": {\n    "a": "bad \\q",\n    "b": "docker run be:2",\n    "c": "echo"\n  }\n}\n',
        [("be:2", 4)],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_scripts_at_their_lines(case: str) -> None:
    text, expected = CASES[case]
    found = docker_runs(text, "package.json")
    assert [(item.text, item.line) for item in found] == expected
    assert all(item.problem is None for item in found)


def test_large_and_hostile_texts_are_read_in_a_time_that_grows_with_their_length() -> None:
    # each script's line was counted from the text's start (40,000 scripts two a line: half a minute), and a line's
    # blanks before a stray character were tried both before and after the comma (200,000 of them: a minute and half)
    pairs = ",\n".join(f'"s{index}": "docker run a{index}", "t{index}": "x"' for index in range(200_000))
    lines = json_script_lines('{"scripts": {\n' + pairs + "}}\n").splitlines()
    assert lines[1] == "docker run a0 ; x"
    assert lines[200_000] == "docker run a199999 ; x"
    stray = '  "build": "docker run x"' + " " * 200_000 + "x"
    assert json_script_lines(stray) == stray
