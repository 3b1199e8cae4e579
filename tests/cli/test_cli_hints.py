"""Hints where the fix is known: a registry speaking plain HTTP names `--plain-http`; an option a subcommand does not
know shows that subcommand's usage. Through `ecr-mirror` as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    return subprocess.run(["ecr-mirror", *argv], env=env, capture_output=True, text=True, timeout=120, check=False)


def test_a_plain_http_registry_without_the_flag_names_the_flag_at_once(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    push_image(source_registry, "lib/a", oci_image(seed="hint-plain-http"), tags=["1"])
    done = _run("copy", f"{source_registry.host}/lib/a:1", f"{target_registry.host}/m/a:1", "-v")
    assert done.returncode == 1
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("[1/1] failed")]
    assert f"{source_registry.host} seems to speak plain HTTP, not HTTPS: add --plain-http" in line
    assert "retrying" not in done.stderr


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["copy", "alpine:3.20", "127.0.0.1:5000/m/alpine", "--bogus"], "usage: ecr-mirror copy "),
        (["sync", "--images", "x", "--to", "127.0.0.1:5000/m", "--platform", "linux/amd64"], "usage: ecr-mirror sync "),
        (["ref", "alpine", "--to", "r.example.com/m", "--json"], "usage: ecr-mirror ref "),
        (["demo", "--dry-run"], "usage: ecr-mirror demo "),
    ],
)  # fmt: skip
def test_an_unknown_option_shows_the_subcommands_usage(argv: list[str], usage: str) -> None:
    done = _run(*argv)
    assert done.returncode == 2
    assert done.stderr.startswith(usage), done.stderr
    command = usage.split()[2]
    unknown = argv[argv.index("--platform") :] if "--platform" in argv else [argv[-1]]
    assert f"ecr-mirror {command}: error: unrecognized arguments: {' '.join(unknown)}" in done.stderr
