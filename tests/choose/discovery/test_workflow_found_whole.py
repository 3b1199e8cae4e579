"""A workflow's findings with their file: a gh-aw lock file's containers, matrix values, action inputs given env
values by the job and the step, jobs and documents that are no mappings, a YAML error naming the file; and two docker
commands on one line, the first refused for an unknown option."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.github_actions import workflow_images
from ecr_mirror.errors import ConfigError

DIGEST = "sha256:" + "0d" * 32
WORKFLOW = f"""\
# gh-aw-manifest: {{"version": 1, "containers": [{{"image": "ghcr.io/github/gh-aw-node@{DIGEST}"}}]}}
jobs:
  odd: 5
  matrix:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        pg: ["15", "16"]
    container: postgres:${{{{ matrix.pg }}}}
  kind:
    runs-on: ubuntu-latest
    env:
      NODE: kindest/node:v1.31.0
    steps:
      - uses: engineerd/setup-kind@v0.5.0
        with:
          image: ${{{{ env.NODE }}}}
      - uses: aquasecurity/trivy-action@0.28.0
        env:
          SCANNED: ghcr.io/acme/app:7
        with:
          image-ref: ${{{{ env.SCANNED }}}}
"""


def test_each_finding_carries_its_file() -> None:
    found = workflow_images(WORKFLOW, ".github/workflows/ci.lock.yml")
    assert [(item.text, item.origin, item.line) for item in found] == [
        (f"ghcr.io/github/gh-aw-node@{DIGEST}", ".github/workflows/ci.lock.yml", 1),
        ("postgres:15", ".github/workflows/ci.lock.yml", 9),
        ("postgres:16", ".github/workflows/ci.lock.yml", 9),
        ("kindest/node:v1.31.0", ".github/workflows/ci.lock.yml", 17),
        ("ghcr.io/acme/app:7", ".github/workflows/ci.lock.yml", 22),
    ]


@pytest.mark.parametrize("text", ["- a\n- b\n", "jobs: [a, b]\n"])
def test_a_workflow_of_other_shapes_has_no_images(text: str) -> None:
    assert workflow_images(text, "ci.yaml") == []


def test_a_workflow_that_is_no_yaml_is_refused_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^\.github/workflows/bad\.yaml: "):
        workflow_images("jobs: [a\n", ".github/workflows/bad.yaml")


def test_a_command_after_one_refused_on_its_line_is_read() -> None:
    found = docker_runs("docker run --bogus x:1 && docker run redis:7\n", "run.sh")
    assert [(item.text, item.problem) for item in found] == [
        ("--bogus", "docker and podman have no option --bogus: they refuse the command"),
        ("redis:7", None),
    ]
