"""An argument that never closes (a minified bundle, a regular expression with a bracket in it, a file cut short)
is not followed to the end of the text by every call before it: an argument longer than 2,048 characters is
read as one that never closes, so many such calls on one long line cost about linear work, and nothing is listed for
them. (How long they take is the benchmark's business, not a test's: the bound itself is what these tests pin.)"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_commands import go_docker_runs
from ecr_mirror.choose.discovery.node_commands import node_docker_runs
from ecr_mirror.choose.discovery.python_commands import python_docker_runs
from ecr_mirror.choose.discovery.source_expressions import expression_end

CASES = [
    ("a.js", 'const { spawnSync } = require("child_process");\n' + 'spawnSync("docker", [' * 5000, node_docker_runs),
    ("a.js", 'const cp = require("child_process");\n' + 'cp.spawnSync("docker", ["run", x, ' * 4000, node_docker_runs),
    ("a.go", 'package main\n\nimport "os/exec"\n\n' + 'exec.Command("docker", "run", f(' * 5000, go_docker_runs),
    ("a.py", "import subprocess\n" + 'subprocess.run(["docker", "run", f(' * 5000, python_docker_runs),
]


@pytest.mark.parametrize(("origin", "text", "reader"), CASES, ids=["node", "node-after", "go", "python"])
def test_unclosed_calls_on_a_long_line_list_no_image(
    origin: str, text: str, reader: Callable[[str, str], list[Found]]
) -> None:
    # at most the run-time name `x` of the second case, as written: never a word of the text read as an image
    assert {item.text for item in reader(text, origin)} <= {"${x}"}


BOUND = 2048  # the bound (2 KB) written out, not imported: a changed bound fails these tests
_STRINGS = re.compile(r'"[^"\\\n]*"')


@pytest.mark.parametrize("length", [BOUND - 1, BOUND])
def test_an_argument_up_to_the_bound_is_followed_to_its_end(length: int) -> None:
    text = "f(" + "a" * (length - 3) + "), next"
    assert expression_end(text, 0, _STRINGS, '"') == text.index(",")


@pytest.mark.parametrize("length", [BOUND + 1, BOUND + 50])
def test_an_argument_past_the_bound_is_read_as_one_that_never_closes(length: int) -> None:
    text = "f(" + "a" * (length - 3) + "), next"
    assert expression_end(text, 0, _STRINGS, '"') == len(text)


def test_a_closed_call_after_a_long_argument_is_still_read() -> None:
    text = (
        'const cp = require("child_process");\n'
        'cp.spawnSync("docker", ["run", "-e", f(' + "a, " * 600 + "b" + '), "redis:7"]);\n'
    )
    assert [item.text for item in node_docker_runs(text, "a.js")] == ["redis:7"]
