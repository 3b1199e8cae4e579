"""`ecr-mirror discover` on Concourse CI pipelines and task files (https://concourse-ci.org/tasks.html,
https://concourse-ci.org/resources.html, https://concourse-ci.org/get-step.html,
https://concourse-ci.org/resource-types.html): a task's `image_resource`, the `registry-image`/`docker-image`
resources a job `get`s, the `resource_types` the used resources need; `((var))` placeholders unresolved; a task file
no pipeline of the tree names is not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import discover_records, write_tree

PIPELINE = """\
anchors:
  hub: &hub
    username: ((hub-user))
    password: ((hub-password))
    tag: stable

resource_types:
- name: registry-image
  type: registry-image
  source:
    repository: concourse/registry-image-resource
    tag: 1.9.0
- name: slack-alert
  type: registry-image
  source: {repository: arbourd/concourse-slack-alert-resource, tag: v0.16.0}
- name: semver-custom
  type: docker-image
  source:
    repository: example/semver-resource

resources:
- name: source-code
  type: git
  source: {uri: https://example.com/acme/app.git, branch: main}
- name: builder-image
  type: registry-image
  source:
    <<: *hub
    repository: acme/app-builder
- name: runtime-image
  type: docker-image
  source:
    repository: ((registry))/acme/runtime
- name: released-image
  type: registry-image
  source:
    repository: acme/app
    tag: ((version))
- name: notify
  type: slack-alert
  source: {url: ((slack-url))}

jobs:
- name: build
  plan:
  - in_parallel:
      steps:
      - get: source-code
        trigger: true
      - get: builder
        resource: builder-image
  - task: unit
    image: builder
    file: source-code/ci/tasks/unit.yml
  - task: package
    file: source-code/ci/tasks/package.yml
  - task: inline
    config:
      platform: linux
      image_resource:
        type: registry-image
        source: {repository: golang, tag: 1.23-alpine}
      run: {path: go, args: [version]}
  - put: released-image
    params: {image: image/image.tar}
  on_failure:
    put: notify
- name: deploy
  plan:
  - do:
    - try:
        get: runtime-image
"""

UNIT_TASK = """\
platform: linux
inputs: [{name: source-code}]
run:
  path: make
  args: [test]
"""

PACKAGE_TASK = """\
---
platform: linux
image_resource:
  type: registry-image
  source:
    repository: concourse/oci-build-task
    tag: 0.11.1
inputs: [{name: source-code}]
outputs: [{name: image}]
run: {path: build}
"""

PINNED_TASK = """\
platform: linux
image_resource:
  type: docker-image
  source: {repository: alpine/git}
  version: {digest: "sha256:2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b"}
run: {path: git, args: [log]}
"""

UNUSED_TASK = """\
platform: linux
image_resource:
  type: registry-image
  source: {repository: example/changelog-generator, tag: "0.0.9"}
run: {path: generate}
"""


def _rows(records: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records}


def test_a_pipeline_lists_the_images_its_jobs_pull_and_the_task_files_they_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "ci/pipeline.yml": PIPELINE,
            "ci/tasks/unit.yml": UNIT_TASK,
            "ci/tasks/package.yml": PACKAGE_TASK,
            "ci/tasks/changelog.yml": UNUSED_TASK,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert _rows(records) == {
        ("ci/pipeline.yml", 11, "concourse/registry-image-resource:1.9.0", "public"),  # the used resources' type
        ("ci/pipeline.yml", 15, "arbourd/concourse-slack-alert-resource:v0.16.0", "public"),  # a put's type
        ("ci/pipeline.yml", 29, "acme/app-builder:stable", "public"),  # got as `builder`, the tag merged
        ("ci/pipeline.yml", 33, None, "unresolved"),  # ((registry))/acme/runtime, got inside do/try
        ("ci/pipeline.yml", 62, "golang:1.23-alpine", "public"),  # an inline task config
        ("ci/tasks/package.yml", 6, "concourse/oci-build-task:0.11.1", "public"),
    }
    unresolved = next(r for r in records if r["status"] == "unresolved")
    assert "((registry))" in str(unresolved["reason"]) and "fly set-pipeline" in str(unresolved["reason"])
    assert {r["kind"] for r in records} == {"Concourse pipeline", "Concourse task file"}
    assert "ci/tasks/changelog.yml" in err  # named by no pipeline: not read, and said
    assert "ci/tasks/unit.yml" not in err  # run with the step's own image, and has none: nothing to leave out


def test_a_task_file_run_by_fly_execute_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "ci/pipeline.yml": PIPELINE,
            "ci/tasks/package.yml": PACKAGE_TASK,
            "ci/tasks/changelog.yml": UNUSED_TASK,
            "scripts/changelog.sh": "#!/bin/sh\nfly -t main execute -c ci/tasks/changelog.yml -i source-code=.\n",
        },
    )
    references = {r["reference"] for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert "example/changelog-generator:0.0.9" in references


def test_task_files_without_a_pipeline_are_all_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"ci/tasks/pinned.yml": PINNED_TASK, "ci/tasks/changelog.yml": UNUSED_TASK})
    assert _rows(discover_records(tmp_path, monkeypatch, capsys)) == {
        ("ci/tasks/pinned.yml", 4, "alpine/git@sha256:" + "2b" * 32, "public"),
        ("ci/tasks/changelog.yml", 4, "example/changelog-generator:0.0.9", "public"),
    }


def test_a_resource_only_put_and_a_type_no_used_resource_needs_are_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline = """\
resource_types:
- name: pull-request
  type: registry-image
  source: {repository: example/github-pr-resource, tag: v0.23.0}
resources:
- name: pr
  type: pull-request
  source: {repository: acme/app}
- name: app-image
  type: registry-image
  source: {repository: acme/app}
jobs:
- name: publish
  plan:
  - task: build
    config:
      platform: linux
      image_resource:
        type: registry-image
        source: {repository: concourse/oci-build-task}
      run: {path: build}
  - put: app-image
"""
    write_tree(tmp_path, {"pipeline.yml": pipeline})
    assert _rows(discover_records(tmp_path, monkeypatch, capsys)) == {
        ("pipeline.yml", 20, "concourse/oci-build-task:latest", "public"),
    }


def test_a_pipeline_that_pulls_no_image_is_not_called_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline = """\
resources:
- name: toolchain
  type: s3
  source: {bucket: acme-ci, regexp: toolchain-(.*).tgz}
jobs:
- name: test
  plan:
  - get: toolchain
    params: {unpack: true}
  - task: test
    image: toolchain
    config:
      platform: linux
      run: {path: make, args: [test]}
"""
    write_tree(tmp_path, {"ci/pipeline.yml": pipeline})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "ci/pipeline.yml" not in err  # read: its task runs in an artifact, no image is pulled
