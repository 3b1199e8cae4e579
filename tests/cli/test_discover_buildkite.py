"""`ecr-mirror discover` on Buildkite pipelines (`.buildkite/*.yml`, `buildkite.yml`): the image of each step's
docker plugin (the agent pulls it and runs the step's command in it), in group steps too, `$VAR` from the pipeline's
`env:`; the `docker run` lines of the steps' commands; the docker-compose plugin names no image of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import discover_records, write_tree

TREE = {
    ".buildkite/pipeline.release.yml": """\
env:
  RUBY_VERSION: "3.3"
steps:
  - wait
  - label: ":package: Publish packages"
    command: ".buildkite/steps/publish.sh"
    plugins:
      - ecr#v2.7.0:
          login: true
      - docker#v5.8.0:
          image: "buildkite/agent:3.70.0-ubuntu"
          entrypoint: bash
  - group: ":ruby: gems"
    steps:
      - label: build gem
        command: gem build
        plugins:
          - docker#v5.8.0:
              image: "ruby:${RUBY_VERSION}-slim"
      - label: tests
        command: "docker run --rm -v $$PWD:/src postgres:16-alpine true"
        plugins:
          - docker-compose#v4.14.0:
              run: tests
  - label: private
    plugins:
      docker#v5.8.0:
        image: "$DEPLOY_IMAGE"
""",
}


def test_the_images_of_a_buildkite_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["line"]) for r in records if r["status"] == "public") == [
        ("buildkite/agent:3.70.0-ubuntu", 11),
        ("postgres:16-alpine", 21),
        ("ruby:3.3-slim", 19),
    ]
    [unresolved] = [r for r in records if r["status"] == "unresolved"]
    assert (unresolved["written"], unresolved["line"]) == ("$DEPLOY_IMAGE", 28)
    assert "DEPLOY_IMAGE" in unresolved["reason"]


def test_a_pipeline_that_is_a_list_of_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`buildkite-agent pipeline upload` also takes a pipeline written as the list of its steps alone."""
    steps = '- label: test\n  command: make test\n  plugins:\n    - docker#v5.8.0:\n        image: "golang:1.22"\n'
    write_tree(tmp_path, {".buildkite/pipeline.yml": "# the steps\n" + steps})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    assert [(r["reference"], r["line"]) for r in json.loads(capsys.readouterr().out)] == [("golang:1.22", 6)]


def test_a_group_step_that_holds_itself_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A YAML alias can make a group step list itself among its steps: read once, not without end."""
    pipeline = (
        "steps:\n  - &group\n    group: g\n    plugins: [{docker#v5: {image: alpine:3.19}}]\n    steps: [*group]\n"
    )
    write_tree(tmp_path, {".buildkite/pipeline.yml": pipeline})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    assert [r["reference"] for r in json.loads(capsys.readouterr().out)] == ["alpine:3.19"]


HOSTED = """\
image: "ubuntu:24.04"
steps:
  - label: ":go: release"
    image: "golang:1.26.5@sha256:3aff6657219a4d9c14e27fb1d8976c49c29fddb70ba835014f477e1c70636647"
    command: ".buildkite/scripts/release.sh"
  - label: lint
    command: make lint
  - label: k8s agent
    agents:
      image: "golang:1.26.0"
      cpu: "16"
  - label: vm agent
    agents:
      provider: gcp
      image: family/ci-ubuntu-2204
  - label: pod
    agents:
      queue: kubernetes
    plugins:
      - kubernetes:
          podSpec:
            containers:
              - image: alpine:3.22
                command: [echo]
"""


def test_a_pipelines_and_a_steps_image_and_a_kubernetes_pod_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # hosted agents run a command step in the pipeline's or the step's `image`
    # (https://buildkite.com/docs/agent/buildkite-hosted/linux/custom-agent-images), agent-stack-k8s in the
    # containers of the kubernetes plugin's `podSpec` (https://github.com/buildkite/agent-stack-k8s); an agent whose
    # `agents:` name a container `image` with a tag (Elastic's Kubernetes agents) runs in it, a VM image family of
    # another provider is no container image
    write_tree(tmp_path, {".buildkite/release.yml": HOSTED})
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = {(r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert got == {
        (1, "ubuntu:24.04"),
        (4, "golang:1.26.5@sha256:3aff6657219a4d9c14e27fb1d8976c49c29fddb70ba835014f477e1c70636647"),
        (10, "golang:1.26.0"),
        (23, "alpine:3.22"),
    }
