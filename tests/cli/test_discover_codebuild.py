"""`ecr-mirror discover` on AWS CodeBuild build specifications (`buildspec.yml`, `buildspec-release.yml`,
`ci/integration-buildspec.yaml`): the commands of their phases read as the steps of other CI files, with the spec's
`env.variables` as their variables; an image the spec builds is not pulled; a `buildspec.yml` that is no build
specification (no `version` and `phases`) is read as other YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "buildspec.yml": """\
version: 0.2
env:
  variables:
    REGISTRY: public.ecr.aws/acme
    PG_IMAGE: "postgres:16.4-alpine"
phases:
  install:
    commands:
      - docker pull $PG_IMAGE
  build:
    commands:
      - docker build -t $REGISTRY/api:latest .
      - docker run --rm $REGISTRY/api:latest pytest
  post_build:
    commands:
      - docker run --rm -v $PWD:/src $REGISTRY/linter:1.4 lint
    finally:
      - docker pull redis:7.2
""",
    "deploy/release-buildspec.yaml": """\
version: 0.2
phases:
  pre_build:
    commands:
      - >
        docker run -d --name minio
        minio/minio:RELEASE.2024-05-01T01-11-10Z server /data
""",
    "tools/buildspec.yml": """\
# the build specification of our documentation generator
title: Reference
pages:
  - run: docker run --rm nginx:1.27
""",
}


def test_the_commands_of_a_codebuild_buildspec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] != "unresolved")
    assert listed == [
        ("minio/minio:RELEASE.2024-05-01T01-11-10Z", "deploy/release-buildspec.yaml", 6),
        ("postgres:16.4-alpine", "buildspec.yml", 9),
        ("public.ecr.aws/acme/linter:1.4", "buildspec.yml", 16),
        ("redis:7.2", "buildspec.yml", 18),
    ]
    assert [r for r in records if r["status"] == "unresolved"] == []
