"""`ecr-mirror discover` on a dev container definition whose lifecycle commands run docker: `postStartCommand`,
`postCreateCommand`, `initializeCommand` (https://containers.dev/implementors/json_reference/#lifecycle-scripts) are
shell commands the tool runs, on the host or in the container with the host's Docker socket; a `docker run` there
pulls its image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DEFINITION = """\
// https://containers.dev/implementors/json_reference/
{
  "name": "exporter-dev",
  "image": "mcr.microsoft.com/devcontainers/go:1-1.24-bookworm",
  "runArgs": ["-v", "/run/docker.sock:/run/docker.sock:rw", "--name", "docker run"],
  "initializeCommand": "docker pull quay.io/acme/fixtures:2025.1",
  "postStartCommand": "docker run --privileged --rm tonistiigi/binfmt --install all",
  "customizations": {"vscode": {"settings": {"terminal.integrated.defaultProfile.linux": "bash"}}},
}
"""


def test_the_docker_commands_of_a_dev_container_s_lifecycle_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".devcontainer/devcontainer.json": DEFINITION})
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = sorted((r["line"], r["reference"]) for r in records if r["status"] == "public")
    assert listed == [
        (4, "mcr.microsoft.com/devcontainers/go:1-1.24-bookworm"),
        (6, "quay.io/acme/fixtures:2025.1"),
        (7, "tonistiigi/binfmt:latest"),
    ]
