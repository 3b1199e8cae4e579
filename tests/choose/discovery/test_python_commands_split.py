"""Python sources that run a docker command line split into its words: `"docker pull IMAGE".split()` (str.split with
no separator or a single space), `shlex.split("...")`, parenthesized or not, given to subprocess in the call or through
a name; what is not read so (another separator, another program, a commented line, a call's result split)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.python_commands import python_docker_builds, python_docker_runs
from ecr_mirror.choose.discovery.python_split_commands import split_commands
from tests.support.hang_guard import finishes

ORIGIN = "setup.py"
SOURCE = """import shlex
import subprocess


class ChainCommand(Command):
    def run(self):
        subprocess.call(("docker pull acme/devchain").split())  # nosec
        subprocess.call(  # nosec
            ("docker run -d -p 8545:8545 acme/devchain:1.4.0").split()
        )
        line = (
            "docker run -d --name db postgres:16.2"
        ).split()
        subprocess.call(line)
        subprocess.check_call(shlex.split("podman run --rm redis:7.2-alpine"))
        words = "docker run --rm -e A=1 busybox:1.36 true".split(" ")
        subprocess.run(words, check=True)
        subprocess.run("docker pull mariadb:11".split())
        build = "docker build -t acme/devchain-test:dev .".split()
"""


def _found(text: str, line: int, use: str = "docker run") -> Found:
    return Found(text, ORIGIN, line, None, use, "Python source")


def test_a_split_command_line_is_read_as_its_words() -> None:
    assert python_docker_runs(SOURCE, ORIGIN) == [
        _found("acme/devchain", 7, "docker pull"),
        _found("acme/devchain:1.4.0", 9),
        _found("postgres:16.2", 12),
        _found("redis:7.2-alpine", 15),
        _found("busybox:1.36", 16),
        _found("mariadb:11", 18, "docker pull"),  # read once: the call's literal
    ]


def test_a_split_build_names_what_it_builds() -> None:
    assert python_docker_builds(SOURCE, ORIGIN) == [LocalBuild("acme/devchain-test:dev", ORIGIN, 19, "docker build -t")]


def test_an_f_string_split_is_known_only_when_the_program_runs() -> None:
    text = 'import subprocess\nsubprocess.call((f"docker run {image}").split())\n'
    unset = "has no value in this file (set by the environment, the command line or a caller)"
    assert python_docker_runs(text, "a.py") == [
        Found("${image}", "a.py", 2, f"$image {unset}", "docker run", "Python source")
    ]


def test_what_is_not_a_split_docker_command() -> None:
    text = (
        "import subprocess\n"
        'a = "docker run --rm alpine:3.20".split(",")\n'  # another separator: one word
        'b = ("docker-compose -f test/compose.yml pull").split()\n'  # another program
        '# c = ("docker run --rm commented:1").split()\n'
        'd = describe("docker run --rm called:1").split()\n'  # a call's result split
        'e = ("docker run --rm " "joined:1").split()\n'  # strings written next to each other
        "f = \"docker run --rm 'quoted:1'\".split()\n"
    )
    assert python_docker_runs(text, "a.py") == []


def test_split_commands_stay_linear_on_unclosed_input() -> None:
    assert finishes(split_commands, '("docker run x' * 200000) == []
    opened = "shlex.split(" * 200000
    assert finishes(split_commands, opened + '"docker run a:1")') == [(len(opened), ["docker", "run", "a:1"])]
    assert finishes(split_commands, "(" * 400000 + '"docker run a:1"' + ")" * 400000 + ".split()") == []
