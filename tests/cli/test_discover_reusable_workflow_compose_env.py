"""A reusable workflow whose `env:` takes its values from the `inputs` of each call, reaching the compose file a
step of it starts: a caller's matrix sweeping the database image an integration-test workflow runs compose with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

CALLER = (
    "name: integration\n"
    "on: [push, pull_request]\n"
    "jobs:\n"
    "  databases:\n"
    "    strategy:\n"
    "      matrix:\n"
    "        pg: [15, 16]\n"
    "    uses: ./.github/workflows/db-tests.yml\n"
    "    with:\n"
    "      db_image: example/postgis:${{ matrix.pg }}-alpine\n"
    "      cache_tag: '8.2'\n"
)
CALLED = (
    "name: db-tests\n"
    "on:\n"
    "  workflow_call:\n"
    "    inputs:\n"
    "      db_image:\n"
    "        type: string\n"
    "        default: ''\n"
    "      cache_tag:\n"
    "        type: string\n"
    "        default: '7.4'\n"
    "env:\n"
    "  DB_IMAGE: ${{ inputs.db_image }}\n"
    "jobs:\n"
    "  test:\n"
    "    runs-on: ubuntu-latest\n"
    "    env:\n"
    "      CACHE_TAG: ${{ inputs.cache_tag }}\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: docker compose -f ci/docker-compose.yml up -d\n"
    "      - run: go test ./...\n"
)
COMPOSE = "services:\n  db:\n    image: ${DB_IMAGE:-postgres:17-alpine}\n  cache:\n    image: redis:${CACHE_TAG:-7.2}\n"


def _public(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


def test_the_inputs_of_each_call_reach_the_compose_file_through_the_called_workflows_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".github/workflows/integration.yml": CALLER,
            ".github/workflows/db-tests.yml": CALLED,
            "ci/docker-compose.yml": COMPOSE,
        },
    )
    found = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert ("ci/docker-compose.yml", 3, "example/postgis:15-alpine") in found
    assert ("ci/docker-compose.yml", 3, "example/postgis:16-alpine") in found
    assert ("ci/docker-compose.yml", 5, "redis:8.2") in found
    assert ("ci/docker-compose.yml", 3, "postgres:17-alpine") in found  # the file's own default, read alone


def test_an_input_a_call_leaves_empty_does_not_blank_the_compose_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    caller = CALLER.replace("      db_image: example/postgis:${{ matrix.pg }}-alpine\n", "")
    write_tree(
        tmp_path,
        {
            ".github/workflows/integration.yml": caller,
            ".github/workflows/db-tests.yml": CALLED,
            "ci/docker-compose.yml": COMPOSE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {r["reference"] for r in records if r["file"] == "ci/docker-compose.yml" and r["line"] == 3} == {
        "postgres:17-alpine"
    }
    assert ("ci/docker-compose.yml", 5, "redis:8.2") in _public(records)
