"""`ecr-mirror discover` on a workflow whose `run:` step names its image by `${{ steps.ID.outputs.NAME }}`: an
earlier step of the job with that `id` maps the matrix entry to an image in a `case` and writes it to
`$GITHUB_OUTPUT`, so each combination pulls the image of its arm. A step writing it after, or another job's step
of that id, gives nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
name: packages
on: [push]
jobs:
  rpm:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        os: [el-9, fedora-40]
        arch: [amd64, arm64]
    steps:
      - name: Pick the image
        id: pick
        run: |
          os="${{ matrix.os }}"
          case "$os" in
            el-9) image="quay.io/example/el:9" ;;
            fedora-40) image="fedora:40" ;;
            *) image="$os" ;;
          esac
          echo "image=$image" >> "$GITHUB_OUTPUT"
      - name: Build
        run: |
          docker run --rm --platform linux/${{ matrix.arch }} -v $(pwd):/src \\
            ${{ steps.pick.outputs.image }} make rpm
      - run: docker pull ${{ steps.later.outputs.image }}
      - id: later
        run: echo "image=redis:7.4" >> "$GITHUB_OUTPUT"
  other:
    runs-on: ubuntu-latest
    steps:
      - run: docker pull ${{ steps.pick.outputs.image }}
"""


def test_a_run_step_reads_the_output_an_earlier_step_of_its_job_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows({".github/workflows/packages.yml": WORKFLOW}, tmp_path, monkeypatch, capsys)
    rows = {(row[1], row[4], row[5]) for row in records}
    assert (23, "quay.io/example/el:9", "public") in rows
    assert (23, "fedora:40", "public") in rows
    assert not any(row[4] in ("el-9:latest", "fedora-40:latest", "redis:7.4") for row in records)
    assert (25, None, "unresolved") in rows  # written after it runs
    assert (31, None, "unresolved") in rows  # another job's step
