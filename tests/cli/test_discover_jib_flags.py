"""Jib takes its base image from the command line too, `-Djib.from.image=IMAGE` (a system property over the build
file's, https://github.com/GoogleContainerTools/jib/tree/master/jib-gradle-plugin#system-properties): assimbly/
gateway's release workflow runs `./gradlew clean bootJar jib -Djib.from.image="eclipse-temurin:${{ inputs.jdk }}"`,
its `workflow_dispatch` and `workflow_call` input `jdk` defaulting to `21` (set ZZZV). A run step's `${{ inputs.NAME
}}` takes the input's `default` when the workflow's triggers with inputs agree on one; an input without a default is
known only when the run is given it. `-Djib.to.image` names what is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: Release images
on:
  workflow_dispatch:
    inputs:
      jdk:
        description: 'Java (JDK) version to use'
        default: '21'
        type: string
      tag:
        type: string
  workflow_call:
    inputs:
      jdk:
        default: '21'
        type: string
      tag:
        required: true
        type: string
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: ./gradlew clean bootJar jib -Djib.from.image="eclipse-temurin:${{ inputs.jdk }}" -Djib.to.image=acme/gw:1
      - run: ./mvnw -B jib:build -Djib.from.image=acme/base:${{ inputs.tag }}
"""


def test_a_jib_base_given_on_the_command_line_is_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/release.yml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["line"], r["reference"], r["status"]) for r in records) == [
        (23, "eclipse-temurin:21", "public"),
        (24, None, "unresolved"),
    ]
