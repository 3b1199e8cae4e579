"""Python sources that run docker, at the edges of what python_commands reads: tuples and lists with elements that
are names, calls, nested brackets, strings holding commas and brackets, comments between elements, f-strings and raw
f-strings, each subprocess function and os.system, commented lines; each finding compared whole."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_commands import may_run_docker, python_docker_builds, python_docker_runs

ORIGIN = "conftest.py"
UNSET = "has no value in this file (set by the environment, the command line or a caller)"
SOURCE = r"""
import os, subprocess
subprocess.check_call(("docker", "run", "-d", "minio/minio:RELEASE.2024"))
cmd = ["podman", "run", "--rm", f"redis:{tag}", "x"]
args = ("docker", "run", IMAGE)
args = ("docker", "run", images["pg"])
args = ("docker", "run", "-e", get(a, b), f"app:{v.x}")
args = ("docker", "run", "-e", (a, [b]), {"k": "v,]"}, "busy:1")
args = ["docker", "run",
    # a comment, with a comma
    'alpine:3.20',
]
args = ("docker", "run", "quoted \\\\" x", "nginx:1")
args = ("docker", "run", g("a,b"), "ubuntu:24.04")
#args = ("docker", "run", "commented:1")
  # os.system("docker run commented:2")
os.system("docker run --rm postgres:16")
subprocess.run("podman run -d mysql:8", shell=True)
subprocess.Popen(f"docker run {image}")
subprocess.run("dockerx run no:1")
subprocess.getoutput("docker  run --rm valkey:8")
subprocess.run(cmd)
args = ("docker", "run", "x:{a}")
args = ("docker", "run", rf"raw:{b}")
args = ("docker", "run", "unterminated
"""


def _found(text: str, line: int, problem: str | None = None) -> Found:
    return Found(text, ORIGIN, line, problem, "docker run", "Python source")


def test_every_form_in_one_source() -> None:
    expression = f"$PYTHON_EXPRESSION {UNSET}"
    assert python_docker_runs(SOURCE, ORIGIN) == [
        _found("minio/minio:RELEASE.2024", 3),
        _found("redis:${tag}", 4, f"$tag {UNSET}"),
        _found("${IMAGE}", 5, f"$IMAGE {UNSET}"),
        _found("${PYTHON_EXPRESSION}", 6, expression),
        _found("app:${PYTHON_EXPRESSION}", 7, expression),
        _found("${PYTHON_EXPRESSION}", 8, expression),
        _found("alpine:3.20", 9),
        _found("${PYTHON_EXPRESSION}", 13, expression),
        _found("${PYTHON_EXPRESSION}", 14, expression),
        _found("postgres:16", 17),
        _found("mysql:8", 18),
        _found("${image}", 19, f"$image {UNSET}"),  # an f-string command: its fields are known when it runs
        _found("valkey:8", 21),
        _found("x:{a}", 23),
        _found("raw:${b}", 24, f"$b {UNSET}"),
    ]


def test_an_unclosed_tuple_and_the_first_line() -> None:
    assert python_docker_runs('x = ("docker", "run", "a:1"', "t.py") == []
    assert python_docker_runs('os.system("docker run a:1")\n', ORIGIN) == [_found("a:1", 1)]
    assert python_docker_runs('\n\nos.system("docker run a:1")', ORIGIN) == [_found("a:1", 3)]


def test_which_sources_may_run_docker() -> None:
    assert may_run_docker("t/conftest.PY", b"podman")
    assert may_run_docker("a.py", b"x docker")
    assert not may_run_docker("a.py", b"dock er")
    assert not may_run_docker("a.sh", b"docker")


def test_elements_and_command_strings_at_their_edges() -> None:
    def read(text: str) -> list[tuple[str, str | None]]:
        return [(found.text, found.problem) for found in python_docker_runs(text, "c.py")]

    assert read('a = ("docker", "run", "-e", X, "img:1")') == [("img:1", None)]
    assert read('a = ("docker", "run", X)') == [("${X}", f"$X {UNSET}")]
    assert read('a = ("docker", "run",, "a:1")') == [("${PYTHON_EXPRESSION}", f"$PYTHON_EXPRESSION {UNSET}")]
    assert read('a = ("docker","run","a:1")') == [("a:1", None)]
    assert read('os.system(" docker run lead:1")') == []
    assert read('os.system("docker\\trun tab:1")') == []


def test_a_comment_before_the_first_element_of_a_command_list() -> None:
    text = (
        "def setup():\n"
        '    tag = "acme-uv-runner:latest"\n'
        "    subprocess.run(  # noqa: S603\n"
        "        [  # noqa: S607\n"
        '            "docker",\n'
        '            "build",\n'
        '            "--load",\n'
        '            "-t",\n'
        "            tag,\n"
        '            "-f",\n'
        '            "compose/uv/Dockerfile",\n'
        '            ".",\n'
        "        ],\n"
        "        check=True,\n"
        "    )\n"
        '    subprocess.run([  # the linter\n        "docker", "pull", "redis:7.4"])\n'
        '    subprocess.run(["# docker", "pull", "nginx:1.27"])\n'
    )
    assert [(b.name, b.line) for b in python_docker_builds(text, "hooks/post_gen.py")] == [("acme-uv-runner:latest", 4)]
    assert [(f.text, f.line) for f in python_docker_runs(text, "hooks/post_gen.py")] == [("redis:7.4", 16)]
