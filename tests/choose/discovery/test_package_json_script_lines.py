"""A package.json whose scripts share a line: each script is found at its own line, even when an earlier line holds
the beginning of its text."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

PACKAGE = """\
{"description": "try: docker run app:",
"scripts": {"a": "docker run app:1", "b": "docker run db:2"}}
"""


def test_each_script_at_the_line_of_its_whole_text() -> None:
    found = docker_runs(PACKAGE, "package.json")
    assert [(item.text, item.line, item.problem) for item in found] == [("app:1", 2, None), ("db:2", 2, None)]
