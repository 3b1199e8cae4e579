"""A declarative pipeline's stage whose `when` requires an environment value the pipeline never gives
(`when { environment name: 'CI', value: 'true' }` under `environment { CI = 'false' }`, linuxserver's Jenkinsfiles
for images not tested in CI) never runs: its `sh` steps and agent images are not read. A condition inside `not`,
`anyOf` or `allOf`, a name a `script { }` block also sets, or one the file gives no literal value keeps the stage
read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

JENKINSFILE = """\
pipeline {
  agent { label 'x86_64' }
  environment {
    CI = 'false'
    MULTIARCH = 'true'
  }
  stages {
    stage('ShellCheck') {
      when {
        environment name: 'CI', value: 'true'
      }
      steps {
        sh '''docker run --rm ghcr.io/acme/shellcheck:1.0 /mnt'''
      }
    }
    stage('Test') {
      when {
        environment name: 'CHANGE_ID', value: ''
        environment name: 'CI', value: 'true'
      }
      agent { docker { image 'ghcr.io/acme/tester:2.0' } }
      steps {
        sh '''docker pull ghcr.io/acme/ci:latest'''
      }
    }
    stage('Build') {
      when {
        environment name: 'MULTIARCH', value: 'true'
      }
      steps {
        sh '''docker run --rm ghcr.io/acme/qemu:7.2 --reset'''
      }
    }
    stage('Unless CI') {
      when {
        not { environment name: 'CI', value: 'true' }
      }
      steps {
        sh '''docker pull ghcr.io/acme/local:3.0'''
      }
    }
    stage('PR') {
      when {
        environment name: 'CHANGE_ID', value: 'yes'
      }
      steps {
        sh '''docker pull ghcr.io/acme/pr:4.0'''
      }
    }
  }
}
"""


def test_stages_whose_when_needs_an_environment_value_the_pipeline_never_gives_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Jenkinsfile": JENKINSFILE}, tmp_path, capsys)
    assert sorted(r["reference"] for r in records if r["status"] == "public") == [
        "ghcr.io/acme/local:3.0",  # `not { ... }`: runs
        "ghcr.io/acme/pr:4.0",  # CHANGE_ID is set by Jenkins for a pull request
        "ghcr.io/acme/qemu:7.2",  # MULTIARCH is 'true'
    ]


def test_a_name_a_script_block_also_sets_keeps_the_stage_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = JENKINSFILE.replace(
        "    stage('ShellCheck') {\n",
        "    stage('Set') {\n      steps {\n        script {\n          env.CI = 'true'\n        }\n      }\n    }\n"
        "    stage('ShellCheck') {\n",
    )
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Jenkinsfile": text}, tmp_path, capsys)
    assert "ghcr.io/acme/shellcheck:1.0" in {r["reference"] for r in records}
