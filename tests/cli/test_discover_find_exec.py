"""A command `find` runs for the files it finds (`find . -name '*.sh' -exec docker run ... IMAGE {} +`, `-execdir`,
`-ok`) runs where a command runs: its docker run is read, as `xargs docker run` is; `echo -exec docker run x` is
still text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "Makefile": (
        "lint-scripts:\n"
        "\t@find . -type f -name '*.sh' -exec docker run --rm -v $(shell pwd):/mnt example/shell-linter:stable {} +\n"
        "\n"
        "lint-yaml:\n"
        "\tfind deploy -name '*.yaml' -execdir docker run --rm -v \"$$PWD:/w\" example/yaml-linter:1.2 {} \\;\n"
        "\n"
        "notes:\n"
        "\t@echo use -exec docker run example/not-run:1.0 to lint\n"
    ),
}


def test_the_command_find_runs_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"]) for r in records} == {
        ("Makefile", 2, "example/shell-linter:stable"),
        ("Makefile", 5, "example/yaml-linter:1.2"),
    }
