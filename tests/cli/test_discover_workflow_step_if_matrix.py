"""A workflow step whose `if:` tests the matrix (`if: ${{ matrix.arch == 'amd64' }}`) runs only for the
combinations where it holds: its `docker run ${{ matrix.distro }}` pulls those combinations' images, not the
others' (an arm64 entry's `distro: ubuntu22.04` names a run-on-arch distribution, not an image); a condition the
file cannot decide (`github.event_name == 'push'`) keeps every combination."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

WORKFLOW = """\
on: push
jobs:
  packages:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - arch: amd64
            distro: ubuntu:22.04
          - arch: aarch64
            distro: ubuntu22.04
    steps:
      - name: Build on amd64
        if: ${{ matrix.arch == 'amd64' }}
        run: |
          docker run --rm -v `pwd`:/src ${{ matrix.distro }} /src/build.sh
      - name: Build on other arches
        if: matrix.arch != 'amd64'
        uses: uraimo/run-on-arch-action@v3
        with:
          arch: ${{ matrix.arch }}
          distro: ${{ matrix.distro }}
      - name: Smoke test
        if: ${{ github.event_name == 'push' }}
        run: docker run --rm debian:${{ matrix.arch == 'amd64' && '12' || '11' }} true
"""


def test_a_step_s_matrix_condition_keeps_only_its_combinations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({".github/workflows/packages.yml": WORKFLOW}, tmp_path, capsys)
    assert sorted(r["reference"] for r in records if r["status"] == "public") == [
        "debian:11",
        "debian:12",
        "ubuntu:22.04",
    ]
