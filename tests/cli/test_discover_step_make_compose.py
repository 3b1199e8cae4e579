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


PLAIN_MAKEFILE = (
    "ifneq (,$(filter 8.0.% 8.1.%,$(STACK_VERSION)))\n"
    "FLEET_IMAGE := elastic/elastic-agent\n"
    "endif\n"
    "USE_TLS ?= 0\n"
    "COMPOSE_FILE := docker-compose.yml\n"
    "ifeq ($(USE_TLS),1)\n"
    "\tCOMPOSE_FILE := docker-compose.tls.yml\n"
    "endif\n"
    "\n"
    ".PHONY: docker-fleet\n"
    "docker-fleet:\n"
    "\tdocker compose -f $(COMPOSE_FILE) up --quiet-pull -d fleet\n"
)
STACK_COMPOSE = (
    "services:\n"
    "  es:\n"
    "    image: docker.elastic.co/elasticsearch/elasticsearch:${STACK_VERSION}\n"
    "  fleet:\n"
    "    image: ${FLEET_IMAGE}:${STACK_VERSION}\n"
)
STACK_WORKFLOW = (
    "on: push\n"
    "jobs:\n"
    "  acceptance:\n"
    "    runs-on: ubuntu-latest\n"
    "    strategy:\n"
    "      matrix:\n"
    "        version: ['9.4.2']\n"
    "        include:\n"
    "          - version: '8.0.1'\n"
    "            fleetImage: elastic/elastic-agent\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: make docker-fleet\n"
    "        env:\n"
    "          STACK_VERSION: ${{ matrix.version }}\n"
    "          FLEET_IMAGE: ${{ matrix.fleetImage || 'docker.elastic.co/elastic-agent/elastic-agent' }}\n"
)


def test_a_steps_env_reaches_compose_through_a_makefile_that_exports_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # make hands the variables of its environment to the recipe's commands whether or not the Makefile exports
    # anything, a name the Makefile sets only in a conditional branch keeping the environment's value where the
    # branch is not taken; `-f $(COMPOSE_FILE)` is the file of the branch `USE_TLS ?= 0` takes
    write_tree(
        tmp_path,
        {
            ".github/workflows/acceptance.yml": STACK_WORKFLOW,
            "Makefile": PLAIN_MAKEFILE,
            "docker-compose.yml": STACK_COMPOSE,
            "docker-compose.tls.yml": STACK_COMPOSE,
        },
    )
    found = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert ("docker-compose.yml", 3, "docker.elastic.co/elasticsearch/elasticsearch:9.4.2") in found
    assert ("docker-compose.yml", 5, "docker.elastic.co/elastic-agent/elastic-agent:9.4.2") in found
    assert ("docker-compose.yml", 5, "elastic/elastic-agent:8.0.1") in found
    assert not any(file == "docker-compose.tls.yml" for file, _, _ in found)
    assert not any(reference.startswith("elastic/elastic-agent:9") for _, _, reference in found)
