"""A workflow step's environment reaching, through a make target's recipe, the compose file it runs: a CI matrix
sweeping a server image (`DB_IMAGE=${{ matrix.image }} make test-env`) over a Makefile whose `export DB_IMAGE ?=`
default the compose file's `${DB_IMAGE:-...}` repeats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = (
    "name: ci\n"
    "on: [push]\n"
    "jobs:\n"
    "  test:\n"
    "    runs-on: ubuntu-latest\n"
    "    strategy:\n"
    "      matrix:\n"
    "        image:\n"
    "          - example/db:7\n"
    "          - vendor/example-db:8\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - name: cluster\n"
    "        run: |\n"
    "          DB_IMAGE=${{ matrix.image }} make test-env\n"
    "          make unit\n"
)
MAKEFILE = (
    "export DB_IMAGE?=example/db:6\n"
    "export SIDE_TAG?=1.0\n"
    "\n"
    "test-env:\n"
    "\tdocker compose up -d\n"
    "\n"
    "unit:\n"
    "\tgo test ./...\n"
)
COMPOSE = "services:\n  db:\n    image: ${DB_IMAGE:-example/db:6}\n  side:\n    image: example/side:${SIDE_TAG:-1.0}\n"


def _public(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


def test_a_steps_prefixed_matrix_value_reaches_the_compose_file_its_make_target_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {".github/workflows/ci.yml": WORKFLOW, "Makefile": MAKEFILE, "docker-compose.yml": COMPOSE},
    )
    found = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert ("docker-compose.yml", 3, "example/db:6") in found
    assert ("docker-compose.yml", 3, "example/db:7") in found
    assert ("docker-compose.yml", 3, "vendor/example-db:8") in found
    assert ("docker-compose.yml", 5, "example/side:1.0") in found


def test_a_make_target_that_runs_no_compose_gives_the_step_env_to_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow = WORKFLOW.replace("make test-env", "make unit")
    write_tree(
        tmp_path,
        {".github/workflows/ci.yml": workflow, "Makefile": MAKEFILE, "docker-compose.yml": COMPOSE},
    )
    found = {reference for _, _, reference in _public(discover_records(tmp_path, monkeypatch, capsys))}
    assert "example/db:7" not in found
    assert "vendor/example-db:8" not in found
    assert "example/db:6" in found


def test_a_makefile_assignment_wins_over_the_steps_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = MAKEFILE.replace("export DB_IMAGE?=example/db:6", "export DB_IMAGE:=example/db:6")
    write_tree(
        tmp_path,
        {".github/workflows/ci.yml": WORKFLOW, "Makefile": makefile, "docker-compose.yml": COMPOSE},
    )
    found = {reference for _, _, reference in _public(discover_records(tmp_path, monkeypatch, capsys))}
    assert "example/db:7" not in found
    assert "example/db:6" in found
