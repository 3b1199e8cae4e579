"""An argument that never closes (a minified bundle, a regular expression with a bracket in it, a file cut short)
is not followed to the end of the text by every call before it: many such calls on one long line read in about
linear time, as nothing is listed for them."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_commands import go_docker_runs
from ecr_mirror.choose.discovery.node_commands import node_docker_runs
from ecr_mirror.choose.discovery.python_commands import python_docker_runs

CASES = [
    ("a.js", 'const { spawnSync } = require("child_process");\n' + 'spawnSync("docker", [' * 5000, node_docker_runs),
    ("a.js", 'const cp = require("child_process");\n' + 'cp.spawnSync("docker", ["run", x, ' * 4000, node_docker_runs),
    ("a.go", 'package main\n\nimport "os/exec"\n\n' + 'exec.Command("docker", "run", f(' * 5000, go_docker_runs),
    ("a.py", "import subprocess\n" + 'subprocess.run(["docker", "run", f(' * 5000, python_docker_runs),
]


@pytest.mark.parametrize(("origin", "text", "reader"), CASES, ids=["node", "node-after", "go", "python"])
def test_unclosed_calls_on_a_long_line_are_read_quickly(
    origin: str, text: str, reader: Callable[[str, str], list[Found]]
) -> None:
    started = time.monotonic()
    reader(text, origin)
    assert time.monotonic() - started < 5


def test_a_closed_call_after_a_long_argument_is_still_read() -> None:
    text = (
        'const cp = require("child_process");\n'
        'cp.spawnSync("docker", ["run", "-e", f(' + "a, " * 600 + "b" + '), "redis:7"]);\n'
    )
    assert [item.text for item in node_docker_runs(text, "a.js")] == ["redis:7"]
