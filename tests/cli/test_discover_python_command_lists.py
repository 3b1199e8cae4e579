"""`ecr-mirror discover` reads the docker commands a Python build script lists as shell lines and runs through a
shell (`subprocess.run(command, shell=True)`): the qemu image registered before a multi-arch buildx build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

BUILD = """\
import subprocess


def _setup_commands(use_buildx: bool) -> list[str]:
    commands = []
    if use_buildx:
        commands.extend([
            "docker run --rm --privileged tonistiigi/binfmt:qemu-v8.1.5 --install all",
            "docker buildx create --name multi --use",
        ])
        commands.append("docker pull busybox:1.37")
    return commands


def main() -> None:
    for command in _setup_commands(True):
        subprocess.run(command, shell=True, check=True)
"""

# a near shape: a file that only prints the command (runs nothing through a shell)
DOCS = """\
import subprocess

HELP = ["docker run --rm alpine:3.20 true"]


def show() -> None:
    print(HELP[0])
    subprocess.run(["echo", "done"], check=True)
"""


def test_docker_lines_a_python_script_runs_through_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts/build_images.py").write_text(BUILD)
    (tmp_path / "scripts/docs.py").write_text(DOCS)
    records = {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert records == {
        ("scripts/build_images.py", 8, "docker run", "tonistiigi/binfmt:qemu-v8.1.5", "public"),
        ("scripts/build_images.py", 11, "docker pull", "busybox:1.37", "public"),
    }
