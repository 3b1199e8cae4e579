"""Python sources: which first element of a list names the container CLI, and the program a build is read with."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.python_commands import python_docker_builds, python_docker_runs


def test_a_name_bound_to_another_program_runs_no_docker_command() -> None:
    text = 'import subprocess\nTOOL = "echo"\nsubprocess.run([TOOL, "run", "alpine:3"])\n'
    assert python_docker_runs(text, "a.py") == []


def test_a_name_bound_to_docker_and_to_podman_is_the_container_cli() -> None:
    text = (
        'import os, subprocess\nCLI = "docker"\nif os.environ.get("P"):\n    CLI = "podman"\n'
        'subprocess.run([CLI, "pull", "alpine:3"])\n'
    )
    assert python_docker_runs(text, "a.py") == [Found("alpine:3", "a.py", 5, None, "docker pull", "Python source")]


def test_a_podman_build_written_so_is_read_as_podman() -> None:
    text = 'import subprocess\nsubprocess.run(["podman", "build", "-t", "a:1", "."])\n'
    assert python_docker_builds(text, "a.py") == [LocalBuild("a:1", "a.py", 2, "podman build -t")]
