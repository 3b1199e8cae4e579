"""Python: a command string given to a function of the same file that runs its argument through subprocess (a release
script's `run_until_successful(command)`), and f-string commands, whose `{...}` are values known when they run."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_commands import python_docker_runs

RELEASE = """\
import subprocess
import sys


def run_until_successful(
    command: str, *args, **kwargs
) -> subprocess.CompletedProcess:
    while True:
        completed = subprocess.run(command, *args, **kwargs)
        if completed.returncode == 0:
            return completed


def announce(message):
    print(message)


class Releaser:
    def sh(self, line, check=True):
        return subprocess.check_call(line, shell=True)

    def build(self):
        self.sh("docker pull ghcr.io/acme/builder:2.4")


def bump(version):
    if sys.platform == "darwin":
        run_until_successful(
            f"docker run --rm -v .:/src ubuntu:24.04 /src/scripts/update_changelog.sh {version}",
            shell=True,
        )
    announce("docker run nginx:1.27")
    run_until_successful("git tag v1")
"""


def _read(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in python_docker_runs(text, "scripts-dev/release.py")]


def test_a_command_given_to_a_function_that_runs_its_argument() -> None:
    assert _read(RELEASE) == [
        ("ghcr.io/acme/builder:2.4", 23, None),
        ("ubuntu:24.04", 28, None),
    ]


def test_an_f_string_command_is_read_its_fields_known_when_it_runs() -> None:
    text = 'subprocess.run(f"docker run --rm {image} true", shell=True)\nos.system(f"docker pull redis:{tag}")\n'
    unset = "has no value in this file (set by the environment, the command line or a caller)"
    assert _read(text) == [("${image}", 1, f"$image {unset}"), ("redis:${tag}", 2, f"$tag {unset}")]


def test_a_function_that_runs_something_else_is_no_wrapper() -> None:
    text = (
        "def log(command):\n"
        "    subprocess.run(['logger', command])\n"
        "    subprocess.run(other)\n"
        "\n"
        'log("docker run busybox:1")\n'
    )
    assert _read(text) == []
