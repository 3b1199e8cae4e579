"""`ecr-mirror discover` reads a declarative pipeline's `sh` steps as Jenkins runs them: inside a `matrix`, each
axis is an environment variable of each cell's steps, one cell per value (`kind create cluster --image
kindest/node:${version}`); in a double-quoted Groovy string, `${params.NAME}` is the parameter's default, which Groovy
puts in the command before the shell runs it (`docker pull ${params.operator_image}`); a step commented out (`/* ...
*/`, `//`) runs nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

JENKINSFILE = """\
pipeline {
  agent any
  parameters {
    string(name: 'operator_image', defaultValue: 'ghcr.io/acme/operator:latest', description: 'Operator to test')
    string(name: 'refspec', defaultValue: 'refs/heads/main')
  }
  stages {
    stage('Operator') {
      steps {
        sh "docker pull ${params.operator_image}"
        sh "docker run --rm ${params.operator_image} --version"
      }
    }
    stage('Validate') {
      matrix {
        axes {
          axis {
            name 'K8S_VERSION'
            values 'v1.34.0', 'v1.35.1'
          }
        }
        stages {
          stage('Validate') {
            steps {
              sh 'kind create cluster --name ${K8S_VERSION} --image kindest/node:${K8S_VERSION}'
              sh 'kind delete cluster --name ${K8S_VERSION}'
            }
          }
        }
      }
    }
/*
    stage('Old validate') {
      steps {
        sh 'docker pull ghcr.io/acme/retired:${OLD_TAG}'
      }
    }
*/
    // stage('Older') { steps { sh 'docker pull acme/older:${OLDER_TAG}' } }
  }
}
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[int, str, str]]:
    return {(r["line"], r["reference"] or r["written"], r["status"]) for r in records}


def test_matrix_axes_parameters_and_comments_as_jenkins_runs_the_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"ci/Jenkinsfile": JENKINSFILE}, tmp_path, capsys)
    assert _seen(records) == {
        (4, "ghcr.io/acme/operator:latest", "public"),  # the default of a parameter named for an image and used
        (10, "ghcr.io/acme/operator:latest", "public"),
        (11, "ghcr.io/acme/operator:latest", "public"),
        (25, "kindest/node:v1.34.0", "public"),
        (25, "kindest/node:v1.35.1", "public"),
    }
