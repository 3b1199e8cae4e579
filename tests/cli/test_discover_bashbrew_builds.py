"""`ecr-mirror discover` on an official-image source tree built by docker-library's bashbrew in GitHub Actions: a
Dockerfile `FROM` a tag of the same repository (`FROM buildpack-deps:bookworm-curl` in `bookworm/scm/Dockerfile`)
is built in the same CI job before it, so it is not pulled; the other `FROM`s are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_WORKFLOW = (
    "name: CI\non: [push]\njobs:\n  generate-jobs:\n    runs-on: ubuntu-latest\n"
    "    outputs:\n      strategy: ${{ steps.generate-jobs.outputs.strategy }}\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - uses: docker-library/bashbrew@HEAD\n"
    "      - id: generate-jobs\n        run: |\n"
    '          strategy="$("$BASHBREW_SCRIPTS/github-actions/generate.sh")"\n'
    '          echo "strategy=$strategy" >> "$GITHUB_OUTPUT"\n'
    "  test:\n    needs: generate-jobs\n"
    "    strategy: ${{ fromJson(needs.generate-jobs.outputs.strategy) }}\n    runs-on: ${{ matrix.os }}\n"
    "    steps:\n      - uses: actions/checkout@v4\n      - run: ${{ matrix.runs.pull }}\n"
    "      - run: ${{ matrix.runs.build }}\n"
)
_LIBRARY = (
    "#!/usr/bin/env bash\nset -Eeuo pipefail\n\ncat <<-EOH\nMaintainers: Jane Doe <jane@example.com> (@jane)\n"
    "GitRepo: https://github.com/docker-library/buildpack-deps.git\nEOH\n"
)

TREE = {
    ".github/workflows/ci.yml": _WORKFLOW,
    "generate-stackbrew-library.sh": _LIBRARY,
    "bookworm/curl/Dockerfile": "FROM debian:bookworm\nRUN apt-get update\n",
    "bookworm/scm/Dockerfile": "FROM buildpack-deps:bookworm-curl\nRUN apt-get update\n",
    "bookworm/Dockerfile": "FROM docker.io/library/buildpack-deps:bookworm-scm\nRUN apt-get update\n",
    # another repository's official image is pulled, as are the tags a compose example names
    "bookworm/extra/Dockerfile": "FROM golang:1.24-bookworm\n",
    "examples/compose.yaml": "services:\n  tools:\n    image: buildpack-deps:bookworm\n",
}


def test_a_bashbrew_parent_of_the_same_repository_is_built_in_the_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    assert ("bookworm/curl/Dockerfile", 1, "debian:bookworm", "public") in rows
    assert ("bookworm/scm/Dockerfile", 1, "buildpack-deps:bookworm-curl", "built-here") in rows
    assert ("bookworm/Dockerfile", 1, "buildpack-deps:bookworm-scm", "built-here") in rows
    assert ("bookworm/extra/Dockerfile", 1, "golang:1.24-bookworm", "public") in rows
    assert ("examples/compose.yaml", 3, "buildpack-deps:bookworm", "public") in rows


def test_without_bashbrew_in_ci_the_parent_is_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {name: text for name, text in TREE.items() if name != ".github/workflows/ci.yml"}
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    assert ("bookworm/scm/Dockerfile", 1, "buildpack-deps:bookworm-curl", "public") in rows
