"""`ecr-mirror discover` on a repository whose CI is Taskcluster with taskgraph: the decision task's image in
`.taskcluster.yml` (a task's `payload.image`, under JSON-e `$if`/`then` templating), and the images the Dockerfiles
of `taskcluster/docker/NAME/` pull when taskgraph's `docker-image` kind builds them with the `args` its `kind.yml`
gives each task (`definition:` naming another folder, YAML anchors for the versions). Shaped after a release-
engineering repository's Taskcluster setup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DIGEST = "08ee0e7c71ac117a848efef3f929f309d6b49fa84067e5a98f6db6801346e8a2"
TASKCLUSTER = f"""version: 1
tasks:
  - $let:
      owner: releng@example.org
    in:
      $if: 'tasks_for in ["github-push", "github-pull-request"]'
      then:
        taskId: {{$eval: as_slugid("decision")}}
        payload:
          features:
            taskclusterProxy: true
          # built server side: the hash is written here
          image: mozillareleases/taskgraph:decision-v24.2.0@sha256:{DIGEST}
          maxRunTime: 1800
          command: [run-task, '--', bash, -cx, 'taskgraph decision']
        metadata:
          name: Decision Task
"""

KIND = """loader: taskgraph.loader.transform:loader

transforms:
    - taskgraph.transforms.docker_image:transforms
    - taskgraph.transforms.task:transforms

meta:
    - &py311 "3.11.15-slim-trixie"
    - &py314 "3.14.3-slim-trixie"
    - &uv_version "0.7.15"

tasks:
    python311:
        definition: base-test
        args:
            PYTHON_VERSION: *py311
            UV_VERSION: *uv_version
    base:
        args:
            PYTHON_VERSION: *py314
            UV_VERSION: *uv_version
    addonscript:
        definition: script
        parent: base
        args:
            SCRIPT_NAME: addonscript
"""

BASE = """ARG PYTHON_VERSION
ARG UV_VERSION

FROM ghcr.io/astral-sh/uv:$UV_VERSION AS uv
FROM python:$PYTHON_VERSION

COPY --from=uv /uv /bin
"""

SCRIPT = """ARG DOCKER_IMAGE_PARENT
FROM $DOCKER_IMAGE_PARENT
"""


def test_taskcluster_decision_image_and_taskgraph_docker_images_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".taskcluster.yml": TASKCLUSTER,
            "taskcluster/kinds/docker-image/kind.yml": KIND,
            "taskcluster/docker/base/Dockerfile": BASE,
            "taskcluster/docker/base-test/Dockerfile": BASE,
            "taskcluster/docker/script/Dockerfile": SCRIPT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = {(r["file"], r["reference"]) for r in records if r["status"] == "public"}
    assert public == {
        (".taskcluster.yml", f"mozillareleases/taskgraph:decision-v24.2.0@sha256:{DIGEST}"),
        ("taskcluster/docker/base-test/Dockerfile", "ghcr.io/astral-sh/uv:0.7.15"),
        ("taskcluster/docker/base-test/Dockerfile", "python:3.11.15-slim-trixie"),
        ("taskcluster/docker/base/Dockerfile", "ghcr.io/astral-sh/uv:0.7.15"),
        ("taskcluster/docker/base/Dockerfile", "python:3.14.3-slim-trixie"),
    }
    # the parent image a task builds first (`parent: base`) is no pull
    script = [r for r in records if r["file"] == "taskcluster/docker/script/Dockerfile"]
    assert all(r["status"] != "public" for r in script)
