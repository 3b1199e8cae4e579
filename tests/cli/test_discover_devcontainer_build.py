"""A dev container built from a Dockerfile with `build.args`: the Dockerfile's `FROM ${ARG}` names the image the
definition passes, as compose and bake builds pass theirs; unusable args (`${localEnv:...}`) are not passed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.devcontainer import devcontainer_builds
from ecr_mirror.cli.main import main

DEFINITION = """\
{
  "name": "ledger-dev",
  "build": {
    "dockerfile": "Dockerfile",
    "context": "..",
    "args": {
      // other bases that work:
      // ghcr.io/acme/ledger-ci:bookworm-otp-25
      "LEDGER_BASE": "ghcr.io/acme/ledger-ci:trixie-otp-26.2",
      "NODE_VERSION": "${localEnv:NODE_VERSION}",
      "UID": 1000,
    },
  },
  "workspaceFolder": "/workspaces/ledger",
}
"""
DOCKERFILE = """\
ARG LEDGER_BASE
ARG NODE_VERSION=22
FROM node:${NODE_VERSION}-slim AS assets
FROM ${LEDGER_BASE}
"""


def test_the_build_of_a_dev_container_gives_its_args() -> None:
    (build,) = devcontainer_builds(DEFINITION, ".devcontainer/devcontainer.json")
    assert build.dockerfile == "Dockerfile" and build.inline is None and build.built is None
    assert build.args == {"LEDGER_BASE": "ghcr.io/acme/ledger-ci:trixie-otp-26.2", "UID": "1000"}
    older = '{"dockerFile": "../docker/dev.Dockerfile", "build": {"args": {"BASE": "debian:12"}}}'
    assert [(b.dockerfile, b.args) for b in devcontainer_builds(older, "x/devcontainer.json")] == [
        ("../docker/dev.Dockerfile", {"BASE": "debian:12"})
    ]
    assert devcontainer_builds('{"image": "mcr.microsoft.com/devcontainers/base:ubuntu"}', "d.json") == []


def test_discover_resolves_the_dockerfile_of_a_dev_container_with_its_args(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".devcontainer").mkdir()
    (tmp_path / ".devcontainer" / "devcontainer.json").write_text(DEFINITION)
    (tmp_path / ".devcontainer" / "Dockerfile").write_text(DOCKERFILE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    records = [(r["file"], r["line"], r["reference"], r["status"]) for r in json.loads(out)]
    # the unresolved reading of `FROM ${LEDGER_BASE}` alone is replaced by the build's; NODE_VERSION keeps its default
    assert sorted(records) == [
        (".devcontainer/Dockerfile", 3, "node:22-slim", "public"),
        (".devcontainer/Dockerfile", 4, "ghcr.io/acme/ledger-ci:trixie-otp-26.2", "public"),
    ]
