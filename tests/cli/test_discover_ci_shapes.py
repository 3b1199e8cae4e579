"""`ecr-mirror discover` on CI files known by their shape rather than their place: a GitHub Actions workflow kept
outside `.github/workflows/` (the pipelines an acceptance test runs on self-hosted runners), and Prow's job configs
(`.prow.yaml` in the repository, a Prow instance's `config.yaml` with the images that decorate every job)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "acceptance/pipelines/runner-tests.yaml": """\
name: Runner Integration Tests
on:
  workflow_dispatch:
jobs:
  in-container:
    runs-on: ["self-hosted", "Linux"]
    container:
      image: alpine:3.20
    services:
      cache:
        image: redis:7.2-alpine
    steps:
      - run: cat /etc/os-release
""",
    "acceptance/config.yaml": "jobs:\n  nightly:\n    image: not-a-workflow:1\n    schedule: '@daily'\n",
    ".prow.yaml": """\
presubmits:
- name: unit
  decorate: true
  always_run: true
  spec:
    containers:
    - image: maven:3.9-eclipse-temurin-21
      command: [mvn, test]
postsubmits:
- name: publish
  decorate: true
  spec:
    initContainers:
    - image: busybox:1.36
      command: [sh, -c, "true"]
    containers:
    - image: golang:1.23
      command: [make, publish]
""",
    "prow/config.yaml": """\
prowjob_namespace: prow
plank:
  default_decoration_configs:
    "*":
      timeout: 1h
      utility_images:
        clonerefs: gcr.io/k8s-prow/clonerefs:v20240801-a5d9345e59
        entrypoint: gcr.io/k8s-prow/entrypoint:v20240801-a5d9345e59
        initupload: gcr.io/k8s-prow/initupload:v20240801-a5d9345e59
        sidecar: gcr.io/k8s-prow/sidecar:v20240801-a5d9345e59
periodics:
- name: cleanup
  interval: 24h
  decoration_config:
    utility_images:
      sidecar: us-docker.pkg.dev/k8s-infra-prow/images/sidecar:v20250101-0000000
  spec:
    containers:
    - image: python:3.12-slim
      command: [python, cleanup.py]
presubmits:
  acme/app:
  - name: lint
    spec:
      containers:
      - image: golangci/golangci-lint:v1.61.0
""",
}


def test_ci_files_known_by_their_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public") == sorted(
        [
            ("maven:3.9-eclipse-temurin-21", ".prow.yaml", 7),
            ("busybox:1.36", ".prow.yaml", 14),
            ("golang:1.23", ".prow.yaml", 17),
            ("gcr.io/k8s-prow/clonerefs:v20240801-a5d9345e59", "prow/config.yaml", 7),
            ("gcr.io/k8s-prow/entrypoint:v20240801-a5d9345e59", "prow/config.yaml", 8),
            ("gcr.io/k8s-prow/initupload:v20240801-a5d9345e59", "prow/config.yaml", 9),
            ("gcr.io/k8s-prow/sidecar:v20240801-a5d9345e59", "prow/config.yaml", 10),
            ("python:3.12-slim", "prow/config.yaml", 19),
            ("golangci/golangci-lint:v1.61.0", "prow/config.yaml", 26),
            ("alpine:3.20", "acceptance/pipelines/runner-tests.yaml", 8),
            ("redis:7.2-alpine", "acceptance/pipelines/runner-tests.yaml", 11),
        ]
    )
    left_out = {r["reference"] for r in records if r["status"] not in ("public", "unresolved")}
    assert left_out == {"us-docker.pkg.dev/k8s-infra-prow/images/sidecar:v20250101-0000000"}
