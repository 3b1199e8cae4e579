"""`ecr-mirror discover` on a repository whose workflows call a reusable workflow of the same repository: the
called workflow's images with the inputs of each call, over the caller's matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    ".github/workflows/tests.yml": (
        "on: [push, pull_request]\n"
        "jobs:\n"
        "  sanity:\n"
        "    uses: ./.github/workflows/reusable-tests.yml\n"
        "    with:\n"
        "      job-name: Sanity\n"
        "  live:\n"
        "    strategy:\n"
        "      matrix:\n"
        "        mysql-version: ['8.0']\n"
        "        include:\n"
        "          - mysql-version: '5.7'\n"
        "    uses: ./.github/workflows/reusable-tests.yml\n"
        "    with:\n"
        "      job-name: Live\n"
        "      mysql-version: ${{ matrix.mysql-version }}\n"
    ),
    ".github/workflows/reusable-tests.yml": (
        "on:\n"
        "  workflow_call:\n"
        "    inputs:\n"
        "      job-name:\n"
        "        type: string\n"
        "        required: true\n"
        "      mysql-version:\n"
        "        type: string\n"
        "        required: false\n"
        "jobs:\n"
        "  tests:\n"
        "    name: ${{ inputs.job-name }}\n"
        "    runs-on: ubuntu-latest\n"
        "    services:\n"
        "      mysql:\n"
        "        image: mysql:${{ inputs.mysql-version || '8.4' }}\n"
        "      redis:\n"
        "        image: redis:7\n"
        "    steps:\n"
        "      - run: make test\n"
    ),
    ".github/workflows/shared.yml": (
        "on:\n"
        "  workflow_call:\n"
        "    inputs:\n"
        "      image:\n"
        "        type: string\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    container: ${{ inputs.image }}\n"
        "    steps:\n"
        "      - run: make\n"
    ),
}


def test_a_reusable_workflow_is_read_with_the_inputs_of_its_callers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    called = ".github/workflows/reusable-tests.yml"
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["use"] == "services"} == {
        (called, 16, "mysql:8.4", "public"),
        (called, 16, "mysql:8.0", "public"),
        (called, 16, "mysql:5.7", "public"),
        (called, 18, "redis:7", "public"),
    }
    # a workflow no job of the tree calls keeps its input unresolved (another repository may call it)
    assert [(r["file"], r["status"]) for r in records if r["use"] == "container"] == [
        (".github/workflows/shared.yml", "unresolved")
    ]
