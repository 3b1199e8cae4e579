"""The images a tree's program sources pull: those its tests start with Testcontainers (Go, Java, Kotlin, Python,
JavaScript/TypeScript and C# sources) and the literal `docker run` / `docker pull` commands its JavaScript,
TypeScript and Python files run (a jest setup's `execSync("docker run ...")`, a conftest's `subprocess.run(["docker",
"run", ...])`). Each source is opened only to look for the bytes `testcontainers` (`Testcontainers` in C#), or in
JavaScript/TypeScript/Python `docker` or `podman`, and decoded only when they are there; the parsing is
choose/discovery/testcontainers.py, node_commands.py and python_commands.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.node_commands import may_run_docker, node_docker_runs
from ecr_mirror.choose.discovery.python_commands import may_run_docker as may_run_docker_py
from ecr_mirror.choose.discovery.python_commands import python_docker_runs
from ecr_mirror.choose.discovery.testcontainers import mentions_testcontainers, started_images

MAX_SOURCE_BYTES = 1024 * 1024  # a larger source (generated code, a bundle) is not opened


def _bytes(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def source_pulls(sources: Iterable[tuple[str, Path]], warn: Callable[[str], None]) -> list[Found]:
    """The literal Testcontainers images and docker commands of `sources` ((name shown, path)); a file that
    mentions either but is not UTF-8 is a warning naming it."""
    found: list[Found] = []
    for shown, path in sources:
        data = _bytes(path)
        if data is None:
            continue
        testcontainers, commands = mentions_testcontainers(data), may_run_docker(shown, data)
        python = may_run_docker_py(shown, data)
        if not (testcontainers or commands or python):
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            warn(f"{shown}: not UTF-8 text; skipped")
            continue
        found += started_images(text, shown) if testcontainers else []
        found += node_docker_runs(text, shown) if commands else []
        found += python_docker_runs(text, shown) if python else []
    return found
