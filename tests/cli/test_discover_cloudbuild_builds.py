"""`ecr-mirror discover` on a Cloud Build config whose step builds an image that later steps run: `docker build -t
NAME` in a `gcr.io/cloud-builders/docker` step (or a step whose entrypoint is docker) makes NAME in the build's own
workspace, so the steps named NAME after it are built here, not pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

BUILD = """\
steps:
- name: "ubuntu"
  args: ["bash", "-c", "printf 'FROM gcr.io/cloud-builders/docker\\\\nRUN make\\\\n' > Dockerfile.tools"]
- name: "gcr.io/cloud-builders/docker"
  args: ["build", "-f", "Dockerfile.tools", "--tag", "site-tools", "."]
- name: "site-tools"
  args: ["site-static"]
- name: "gcr.io/cloud-builders/docker"
  entrypoint: "bash"
  args: ["-c", "docker build -t ignored-by-this-reader ."]
- name: "node:22"
  entrypoint: "docker"
  args: ["build", "-t", "gcr.io/$PROJECT_ID/preview:$SHORT_SHA", "."]
- name: "gcr.io/$PROJECT_ID/preview:$SHORT_SHA"
  args: ["serve"]
- name: "gcr.io/cloud-builders/gcloud"
  args: ["app", "deploy"]
"""


def test_a_step_run_from_an_image_an_earlier_step_builds_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"docs/cloudbuild.yaml": BUILD})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["written"], r["status"]) for r in records} == {
        (2, "ubuntu", "public"),
        (4, "gcr.io/cloud-builders/docker", "public"),
        (6, "site-tools", "built-here"),
        (8, "gcr.io/cloud-builders/docker", "public"),
        (11, "node:22", "public"),
        (14, "gcr.io/$PROJECT_ID/preview:$SHORT_SHA", "unresolved"),
        (16, "gcr.io/cloud-builders/gcloud", "public"),
    }
