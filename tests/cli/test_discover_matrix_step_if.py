"""A workflow step that runs over the matrix only where its `if:` says (`if: ${{ matrix.arch == 'amd64' }}`): the
combinations the condition leaves out run another step (an action that emulates the other architectures), so the
step's `docker run ${{ matrix.distro }}` pulls the distro of the combinations it runs in only. A condition the file
cannot evaluate (another context) keeps every combination."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

WORKFLOW = """\
name: build
on: push
jobs:
  linux:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - arch: amd64
            distro: ubuntu:20.04
          - arch: aarch64
            distro: ubuntu20.04
          - arch: ppc64le
            distro: ubuntu20.04
    steps:
      - uses: actions/checkout@v4
      - name: Build on amd64
        if: ${{ matrix.arch == 'amd64' }}
        run: |
          docker run --rm --mount type=bind,source=`pwd`,target=/src ${{ matrix.distro }} /src/build.sh
      - uses: uraimo/run-on-arch-action@v3
        if: matrix.arch != 'amd64'
        with:
          arch: ${{ matrix.arch }}
          distro: ${{ matrix.distro }}
          run: ./build.sh
      - name: Smoke
        if: github.event_name == 'push'
        run: docker run --rm debian:${{ matrix.arch == 'amd64' && '12' || '12-slim' }} true
"""


def test_a_step_if_over_the_matrix_keeps_only_its_combinations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/build.yml": WORKFLOW})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert sorted({r["reference"] for r in records if r["status"] == "public"}) == [
        "debian:12",
        "debian:12-slim",
        "ubuntu:20.04",
    ]
