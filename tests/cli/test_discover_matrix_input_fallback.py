"""A matrix value written as an input with a literal fallback, `${{ github.event.inputs.otp || '28' }}`, is the
literal on the triggers that give no inputs (a pull request, a push) and the input's default on a dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: OCI
on:
  pull_request:
    paths: [packaging/**]
  workflow_dispatch:
    inputs:
      otp_version:
        description: OTP version
        default: {default}
jobs:
  build:
    strategy:
      matrix:
        otp_version:
        - ${{{{ github.event.inputs.otp_version || '28' }}}}
    runs-on: ubuntu-latest
    container: erlang:${{{{ matrix.otp_version }}}}-alpine
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          push: true
          context: packaging/image
          tags: acme/broker:dev
          build-args: |
            OTP_VERSION=${{{{ matrix.otp_version }}}}
"""

DOCKERFILE = 'ARG OTP_VERSION="27"\n\nFROM erlang:${OTP_VERSION}-slim AS base\n'


def _records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], workflow: str
) -> set[tuple[str, int, str, str]]:
    write_tree(tmp_path, {".github/workflows/oci.yml": workflow, "packaging/image/Dockerfile": DOCKERFILE})
    return {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }


def test_the_literal_fallback_of_an_input_in_a_matrix_is_built_and_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys, WORKFLOW.format(default="28"))
    assert ("packaging/image/Dockerfile", 3, "erlang:28-slim", "public") in records
    assert ("packaging/image/Dockerfile", 3, "erlang:27-slim", "public") in records  # the Dockerfile alone
    assert (".github/workflows/oci.yml", 17, "erlang:28-alpine", "public") in records


def test_a_dispatch_default_other_than_the_fallback_gives_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys, WORKFLOW.format(default="'26'"))
    assert {r[2] for r in records if r[0].endswith("oci.yml")} == {"erlang:28-alpine", "erlang:26-alpine"}


def test_an_input_without_a_literal_fallback_stays_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow = WORKFLOW.format(default="28").replace(" || '28' }}", " }}")
    workflow = workflow.replace("  pull_request:\n    paths: [packaging/**]\n", "")  # a dispatch only
    records = _records(tmp_path, monkeypatch, capsys, workflow.replace("        default: 28\n", ""))
    assert not any(r[2] == "erlang:28-slim" for r in records)
    assert [r[3] for r in records if r[0].endswith("oci.yml")] == ["unresolved"]
