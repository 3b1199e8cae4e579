"""`discover` on a script that gives a name a value in each branch of an `if` chain and assigns it again after the
`fi`: the commands between the chain and the later assignment pull each branch's value, those after it its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

SCRIPT = """\
#!/bin/bash
set -euo pipefail
if [ "${DB:-postgres}" = postgres ]; then
  DB_IMAGE=postgres:16
elif [ "$DB" = mysql ]; then
  DB_IMAGE="mysql:8.4"
else
  DB_IMAGE=mariadb:11.4
fi
docker pull "$DB_IMAGE"

# the cache runs beside it, in the same name
DB_IMAGE=redis:7.2
docker run --rm -d "$DB_IMAGE"
DB_IMAGE=valkey/valkey:8.0
docker run --rm -d "${DB_IMAGE}"
"""


def _uses(records: list[dict[str, Any]]) -> list[tuple[str | None, int, str | None]]:
    return sorted((record["reference"], record["line"], record["reason"]) for record in records)


def test_a_name_assigned_again_after_the_chain_is_its_later_value_from_there_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"scripts/services.sh": SCRIPT}, tmp_path, capsys)
    assert _uses(records) == [
        ("mariadb:11.4", 10, None),
        ("mysql:8.4", 10, None),
        ("postgres:16", 10, None),
        ("redis:7.2", 14, None),
        ("valkey/valkey:8.0", 16, None),
    ]


def test_a_name_assigned_twice_outside_a_chain_stays_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    script = "#!/bin/sh\nIMAGE=redis:7.2\ndocker pull $IMAGE\nIMAGE=valkey/valkey:8.0\ndocker pull $IMAGE\n"
    records = tree_records({"scripts/pull.sh": script}, tmp_path, capsys)
    assert [(record["written"], record["line"], record["status"]) for record in records] == [
        ("$IMAGE", 3, "unresolved"),
        ("$IMAGE", 5, "unresolved"),
    ]
