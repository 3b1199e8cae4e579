"""A workflow step that runs a local action (`uses: ./.github/actions/setup-kind`) which is a git submodule of a
known action (`.gitmodules`: `url = https://github.com/engineerd/setup-kind.git`), not checked out in the tree: read
as that action's step, its image inputs with it (the kind node image of each matrix row)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    ".gitmodules": (
        '[submodule ".github/actions/setup-kind"]\n'
        "\tpath = .github/actions/setup-kind\n"
        "\turl = https://github.com/engineerd/setup-kind.git\n"
        "\tbranch = v0.5.0\n"
    ),
    ".github/actions/setup-kind/.keep": "",
    ".github/workflows/e2e.yaml": (
        "name: e2e\n"
        "on: [pull_request]\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    strategy:\n"
        "      matrix:\n"
        '        k8s: ["v1.29.4", "v1.30.2"]\n'
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          submodules: recursive\n"
        "      - uses: ./.github/actions/setup-kind\n"
        "        with:\n"
        "          image: kindest/node:${{ matrix.k8s }}\n"
        "      - uses: ./.github/actions/local-tool\n"
        "        with:\n"
        "          image: example/not-an-input:1.0\n"
    ),
}


def test_a_submodule_action_is_read_as_the_action_it_checks_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"]) for r in records} == {
        (".github/workflows/e2e.yaml", 15, "kindest/node:v1.29.4"),
        (".github/workflows/e2e.yaml", 15, "kindest/node:v1.30.2"),
    }
