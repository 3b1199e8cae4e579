"""`ecr-mirror discover` reads Drone CI pipelines (`.drone.yml`, `.drone.yaml`): the images of the steps and
services of each `kind: pipeline` document of a container runner (`type: docker`, the default, or `kubernetes`),
the `docker run` lines of the steps' `commands`; not the secrets and signatures beside them, nor pipelines that run
on the host (`type: exec`, `ssh`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

PIPELINE = """\
---
kind: pipeline
name: default

clone:
  disable: true

steps:
- name: git
  image: plugins/git
  settings:
    depth: 0

- name: test
  image: docker.io/acme/build:v1.4.2
  commands:
  - make test
  - docker run --rm -d redis:7.2-alpine

services:
- name: docker
  image: docker:24.0.7-dind-rootless
  environment:
    DOCKER_TLS_CERTDIR: ""

---
kind: pipeline
type: kubernetes
name: e2e

steps:
- name: e2e
  image: golang:1.21.5
  commands:
  - go test ./test/e2e/...

---
kind: pipeline
type: exec
name: on-host

platform:
  os: linux

steps:
- name: build
  commands:
  - make

---
kind: secret
name: token
get:
  path: secrets/data/ci
  name: token
"""


def _records(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, str, str]]:
    return [(r["file"], r["line"], r["kind"], r["reference"]) for r in json.loads(capsys.readouterr().out)]


def test_the_steps_and_services_of_a_drone_pipeline_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = PIPELINE.split("---\nkind: pipeline\ntype", maxsplit=1)[0]
    write_tree(tmp_path, {".drone.yml": PIPELINE, "tools/ci/.drone.yaml": first})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    top = [
        (".drone.yml", 10, "Drone pipeline", "plugins/git:latest"),
        (".drone.yml", 15, "Drone pipeline", "acme/build:v1.4.2"),
        (".drone.yml", 18, "Drone pipeline", "redis:7.2-alpine"),
        (".drone.yml", 22, "Drone pipeline", "docker:24.0.7-dind-rootless"),
        (".drone.yml", 33, "Drone pipeline", "golang:1.21.5"),
    ]
    nested = [("tools/ci/.drone.yaml", line, kind, ref) for _, line, kind, ref in top[:4]]
    assert sorted(_records(capsys)) == sorted(top + nested)


def test_a_drone_pipeline_is_not_a_yaml_file_of_no_known_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".drone.yml": PIPELINE})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    assert ".drone.yml" not in capsys.readouterr().err
