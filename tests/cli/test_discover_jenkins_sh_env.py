"""`ecr-mirror discover` on held-out set DZ missed the images linuxserver's Jenkinsfiles pull in `sh` steps: a
`sh(script: '''docker run ... quay.io/skopeo/stable:v1 ...''', returnStdout: true)` whose `script:` opens a line
of its own, and `docker pull ghcr.io/linuxserver/ci:${CITEST_IMAGETAG}` in a single-quoted `sh '''...'''` (Groovy
passes it as written), where the shell reads `$CITEST_IMAGETAG` from the environment Jenkins gives the step: the
pipeline's `environment { }` and what a `script { }` block set with `env.CITEST_IMAGETAG = 'develop'`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

JENKINSFILE = """\
pipeline {
  agent { label 'x86_64' }
  environment {
    SCANNER_TAG = '0.111.0'
    APP = 'acme/shop'
  }
  stages {
    stage('Setup') {
      steps {
        script {
          env.RELEASE = sh(
            script: '''docker run --rm quay.io/skopeo/stable:v1 inspect docker://acme/shop | jq .Digest''',
            returnStdout: true).trim()
          env.COMMIT = sh(script: '''git rev-parse HEAD''', returnStdout: true).trim()
          if (env.LINT_TAG == null) {
            env.LINT_TAG = 'v2.12'
          }
        }
      }
    }
    stage('Release') {
      when { branch 'main' }
      steps {
        script {
          env.TESTER_TAG = 'stable'
        }
      }
    }
    stage('Dev') {
      when { not { branch 'main' } }
      steps {
        script {
          env.TESTER_TAG = 'edge'
        }
      }
    }
    stage('Test') {
      steps {
        sh '''#! /bin/bash
              docker pull ghcr.io/acme/tester:${TESTER_TAG}
              docker run --rm ghcr.io/acme/scanner:${SCANNER_TAG} scan ${APP}:${COMMIT}
              docker run --rm docker.io/acme/lint:${LINT_TAG} .
              docker pull ghcr.io/acme/cache:${COMMIT}
           '''
      }
    }
  }
}
"""


def test_jenkins_sh_steps_read_the_pipelines_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Jenkinsfile": JENKINSFILE}, tmp_path, capsys)
    public = {(r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert public == {
        (12, "quay.io/skopeo/stable:v1"),  # `script: '''...'''` on a line of its own
        (40, "ghcr.io/acme/tester:stable"),  # each value a stage's `script { }` gives the name
        (40, "ghcr.io/acme/tester:edge"),
        (41, "ghcr.io/acme/scanner:0.111.0"),  # from `environment { }`
        (42, "acme/lint:v2.12"),
    }
    # what an `sh(...)` step prints is known only when the pipeline runs
    assert [r["line"] for r in records if r["status"] == "unresolved"] == [43]  # ghcr.io/acme/cache:${COMMIT}
