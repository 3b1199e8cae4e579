"""`ecr-mirror discover` reads a Dockerfile a Tiltfile's `docker_build` builds again with its `build_args`
(https://docs.tilt.dev/api.html#api.docker_build): `FROM rust:${RUST_VERSION}-trixie` with `ARG RUST_VERSION=1.85`,
built with `build_args={'RUST_VERSION': '1.83.0'}`, pulls `rust:1.83.0-trixie` there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "Tiltfile": (
        "load('ext://helm_resource', 'helm_resource', 'helm_repo')\n\n"
        "docker_build(\n    ref='acme/agent',\n    context='.',\n    build_args={'RUST_VERSION': '1.83.0'},\n"
        "    dockerfile='tilt/Dockerfile'\n    )\n"
        "docker_build('acme/web', 'web', build_args={'NODE_VERSION': node_version})\n"
        "custom_build('acme/tool', 'make tool', ['tool'], build_args={'GO_VERSION': '1.21'})\n"
    ),
    "tilt/Dockerfile": (
        "ARG RUST_VERSION=1.85\nARG DEBIAN_RELEASE=trixie\n\n"
        "FROM docker.io/rust:${RUST_VERSION}-${DEBIAN_RELEASE} as builder\n"
        "RUN cargo build --release\n\nFROM docker.io/debian:${DEBIAN_RELEASE}-slim\n"
    ),
    # a build argument that is a variable is not passed: the Dockerfile's default applies
    "web/Dockerfile": "ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine\n",
    "tool/Dockerfile": "ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}\n",
}


def test_a_tiltfile_build_reads_its_dockerfile_with_its_build_args(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted({(r["file"], r["line"], r["reference"], r["status"]) for r in records})
    assert rows == [
        ("tilt/Dockerfile", 4, "rust:1.83.0-trixie", "public"),
        ("tilt/Dockerfile", 4, "rust:1.85-trixie", "public"),
        ("tilt/Dockerfile", 7, "debian:trixie-slim", "public"),
        ("tool/Dockerfile", 2, "golang:1.23", "public"),
        ("web/Dockerfile", 2, "node:22-alpine", "public"),
    ]
    built = next(r for r in records if r["reference"] == "rust:1.83.0-trixie")
    assert built["use"] == "FROM (built by Tiltfile:3)"
