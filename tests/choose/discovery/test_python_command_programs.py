"""A Python script that runs the container CLI the user has (`[get_docker_binary(), "image", "pull", IMAGE]` with
`shutil.which("podman")`, else `shutil.which("docker")`, in that function) and names its image with a module
constant (`IMAGE = "ghcr.io/..."`): the command pulls the constant's image, as a Makefile's `$(DOCKER) pull
$(IMAGE)` does; a function or a name that may be another program is not read as docker, and a list spread into the
command (`*mounts`) is its options, not the image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_commands import python_docker_runs

SCRIPT = """\
import shutil
import subprocess

CODEGEN_IMAGE = "ghcr.io/acme/openapi-codegen:20260722-388"
LINTER = "ghcr.io/acme/linter:1.0"
LINTER = "ghcr.io/acme/linter:2.0"
ENGINE = "docker"


def get_docker_binary() -> str:
    # podman first
    binary = shutil.which("podman")
    if binary is None:
        binary = shutil.which("docker")
    if binary is None:
        exit(1)
    return binary


def get_git() -> str:
    return shutil.which("git")


def pull() -> None:
    subprocess.run([get_docker_binary(), "image", "pull", CODEGEN_IMAGE], check=True)
    subprocess.run([ENGINE, "run", "--rm", LINTER])
    subprocess.run([get_git(), "pull", "origin"])
    cmd = [
        get_docker_binary(),
        "container",
        "run",
        "-d",
        *mounts,
        CODEGEN_IMAGE,
        "openapi-codegen",
    ]
"""


def test_a_function_or_a_name_standing_for_docker_runs_a_constants_image() -> None:
    found = python_docker_runs(SCRIPT, "regen_openapi.py")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("ghcr.io/acme/openapi-codegen:20260722-388", 25, True),
        ("${LINTER}", 26, False),  # two values: which one runs is not known
        ("ghcr.io/acme/openapi-codegen:20260722-388", 28, True),
    ]
