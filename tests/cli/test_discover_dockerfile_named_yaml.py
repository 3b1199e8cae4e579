"""`ecr-mirror discover` on held-out set EC missed the six containers adoptium/containers' GitHub Agentic Workflows
lock file downloads: the file is `.github/workflows/dockerfile-readiness.lock.yml`, a name that starts like
`Dockerfile-*`, so it was read as a Dockerfile (nothing in it) and never as the workflow GitHub runs. A YAML file is
not a Dockerfile whatever its name says: GitHub runs every `.yml`/`.yaml` file of `.github/workflows`, and a YAML
file named so elsewhere (`ci/dockerfile-lint.gitlab-ci.yml`) is read by the rules of YAML files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from tests.support.trees import tree_records

DIGEST = "a" * 64
PINNED = f"ghcr.io/acme/agent-firewall:1.2.0@sha256:{DIGEST}"
MANIFEST = {"version": 1, "containers": [{"image": "ghcr.io/acme/agent-firewall:1.2.0", "pinned_image": PINNED}]}
WORKFLOW = (
    f"# gh-aw-manifest: {json.dumps(MANIFEST, separators=(',', ':'))}\n"
    + """\
name: Dockerfile checks
on: [pull_request]
jobs:
  lint:
    runs-on: ubuntu-latest
    container: hadolint/hadolint:v2.12.0-debian
    steps:
      - uses: actions/checkout@v4
      - run: hadolint Dockerfile.ci
"""
)

GITLAB = """\
dockerfile-lint:
  image: hadolint/hadolint:v2.12.0-alpine
  script:
    - hadolint Dockerfile.ci
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (".github/workflows/dockerfile-readiness.lock.yml", Kind.WORKFLOW),
        (".github/workflows/Dockerfile-lint.yaml", Kind.WORKFLOW),
        ("ci/dockerfile-lint.gitlab-ci.yml", Kind.GITLAB),
        ("Dockerfile.ci", Kind.DOCKERFILE),
        ("docker/Dockerfile-alpine", Kind.DOCKERFILE),
    ],
)
def test_a_yaml_file_named_like_a_dockerfile_is_read_as_yaml(path: str, kind: Kind) -> None:
    assert kind_of(path) is kind


def test_a_workflow_named_like_a_dockerfile_is_read_as_a_workflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    files = {
        ".github/workflows/dockerfile-checks.lock.yml": WORKFLOW,
        "ci/dockerfile-lint.gitlab-ci.yml": GITLAB,
        "Dockerfile.ci": "FROM alpine:3.20\n",
    }
    records = tree_records(files, tmp_path, capsys)
    assert {(r["file"], r["reference"]) for r in records if r["status"] == "public"} == {
        (".github/workflows/dockerfile-checks.lock.yml", PINNED),
        (".github/workflows/dockerfile-checks.lock.yml", "hadolint/hadolint:v2.12.0-debian"),
        ("ci/dockerfile-lint.gitlab-ci.yml", "hadolint/hadolint:v2.12.0-alpine"),
        ("Dockerfile.ci", "alpine:3.20"),
    }
