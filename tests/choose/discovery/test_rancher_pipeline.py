"""Rancher pipelines (`.rancher-pipeline.yml`): the image of each Run Script step; a tag a Publish Image step builds
is built, not pulled; Rancher's own variables unresolved and named."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from tests.support.trees import discover_records

PIPELINE = """\
stages:
- name: Build
  steps:
  - runScriptConfig:
      image: maven:3-openjdk-17
      shellScript: mvn package -DskipTests
  - runScriptConfig:
      image: busybox
      shellScript: date -R
    when:
      branch: [ master ]
- name: Build Docker with DIND
  steps:
  - publishImageConfig:
      dockerfilePath: ./Dockerfile
      buildContext: .
      tag: acme/tools:${CICD_GIT_COMMIT}
      pushRemote: true
      registry: index.docker.io
  - publishImageConfig:
      dockerfilePath: ./Dockerfile.helper
      buildContext: .
      tag: acme/helper:ci
- name: Check
  steps:
  - runScriptConfig:
      image: acme/helper:ci
      shellScript: helper check
  - runScriptConfig:
      image: golang:${CICD_GIT_BRANCH}
      shellScript: go vet ./...
timeout: 60
notification: {}
"""


def test_each_run_script_step_s_image_is_read_and_a_published_tag_is_built() -> None:
    assert kind_of(".rancher-pipeline.yml") is Kind.RANCHER
    assert kind_of("svc/.rancher-pipeline.yaml") is Kind.RANCHER
    found = images_in(Kind.RANCHER, PIPELINE, ".rancher-pipeline.yml")
    assert [(item.text, item.line, item.built is not None) for item in found if item.problem is None] == [
        ("maven:3-openjdk-17", 5, False),
        ("busybox", 8, False),
        ("acme/helper:ci", 27, True),
    ]
    (unresolved,) = [item for item in found if item.problem is not None]
    assert unresolved.line == 30
    assert "CICD_GIT_BRANCH" in str(unresolved.problem) and "Rancher" in str(unresolved.problem)
    assert {item.kind for item in found} == {"Rancher pipeline"}


def test_discover_lists_a_rancher_pipeline_s_step_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".rancher-pipeline.yml").write_text(PIPELINE)
    records = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert (".rancher-pipeline.yml", 5, "maven:3-openjdk-17", "public") in records
    assert (".rancher-pipeline.yml", 8, "busybox:latest", "public") in records
    assert not any(str(ref).startswith("acme/helper") and status == "public" for _, _, ref, status in records)
