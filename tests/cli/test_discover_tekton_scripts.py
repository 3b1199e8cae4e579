"""`ecr-mirror discover` on Tekton Tasks (https://tekton.dev/docs/pipelines/tasks/#running-scripts-within-steps): a
step's `script:` runs in the step's container, and a `docker run` there (against a Docker-in-Docker sidecar) pulls
its image; read as the steps of a CI file are, in a Task, a TaskRun's `taskSpec`, a Pipeline's or a PipelineRun's
embedded tasks. The image built in the same script is no pull (built here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TASK_RUN = """\
apiVersion: tekton.dev/v1
kind: TaskRun
metadata:
  generateName: docker-in-docker-
spec:
  taskSpec:
    steps:
    - name: client
      image: docker.io/library/docker:28.1-cli
      env:
      - name: DOCKER_HOST
        value: tcp://localhost:2376
      script: |
        #!/usr/bin/env sh
        set -e
        docker run --rm alpine:3.21 echo hello
        docker build -t greeter .
        docker run greeter
    sidecars:
    - name: server
      image: docker.io/library/docker:28.1-dind
      securityContext:
        privileged: true
"""

NOT_TEKTON = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
data:
  howto: |
    docker run --rm alpine:3.20 echo hello
"""


def test_a_tekton_step_s_script_is_read_as_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"examples/dind.yaml": TASK_RUN, "deploy/notes.yaml": NOT_TEKTON})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"], r["kind"]) for r in records} == {
        ("examples/dind.yaml", 9, "docker:28.1-cli", "public", "Kubernetes manifest"),
        ("examples/dind.yaml", 21, "docker:28.1-dind", "public", "Kubernetes manifest"),
        ("examples/dind.yaml", 16, "alpine:3.21", "public", "Tekton task"),
        ("examples/dind.yaml", 18, "greeter:latest", "built-here", "Tekton task"),
    }
