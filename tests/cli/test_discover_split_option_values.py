"""`ecr-mirror discover` on a script's `docker run ... $ARGS` whose variable holds the options and the image, one
value per branch of an `if` chain, one value with a variable the script does not know in an option's value
(`--env "POSTGRES_USER=${PGUSER}"`, set by the CI job): each branch's image is run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/usr/bin/env bash
set -eu
NAME="test-db-$DB"
if [[ "$DB" == "mariadb" ]]; then
    RUN_ARGS="-p 3306:3306 --env MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb:11.4"
elif [[ "$DB" == "postgres" ]]; then
    RUN_ARGS="-p 5432:5432 --env "POSTGRES_USER=${PGUSER}" --env "POSTGRES_PASSWORD=${PGPASSWORD}" postgres:16.4"
else
    exit 1
fi
docker run --detach --name "$NAME" $RUN_ARGS
"""


def _rows(records: list[dict[str, Any]]) -> set[tuple[str, int, str | None, str]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records}


def test_each_branch_s_image_is_run_though_an_option_holds_an_unknown_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"ci/start-db.sh": SCRIPT})
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert rows == {("ci/start-db.sh", 11, "mariadb:11.4", "public"), ("ci/start-db.sh", 11, "postgres:16.4", "public")}


def test_an_image_with_an_unknown_variable_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"ci/start-db.sh": SCRIPT.replace("postgres:16.4", "postgres:${PG_VERSION}")})
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert ("ci/start-db.sh", 11, "mariadb:11.4", "public") in rows
    assert {row[2] for row in rows if row[3] == "public"} == {"mariadb:11.4"}
    assert any(row[3] == "unresolved" for row in rows)
