"""`ecr-mirror discover` on trees for issue 20's second round: compose variables with no value, images built in the
tree before they are used, Dockerfiles known by their content, Jenkinsfiles, bake files, unrendered templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main


def _write_tree(root: Path, tree: dict[str, str]) -> None:
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _discover_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[list[dict[str, Any]], str]:
    code = main(["discover", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


def test_a_compose_variable_empty_in_env_is_unresolved_naming_file_line_and_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_tree(
        tmp_path,
        {
            "db/compose.yaml": (
                "services:\n  db:\n    image: postgres:${PG_VERSION}\n  web:\n    image: nginx:${NGINX}\n"
            ),
            "db/.env": "# set by the release script\nPG_VERSION=\nNGINX=1.27\n",
            "other/compose.yaml": "services:\n  db:\n    image: mariadb:${MARIADB_VERSION}\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "nginx:1.27  # db/compose.yaml",
        "# unresolved: mariadb:${MARIADB_VERSION}  # other/compose.yaml:3: ${MARIADB_VERSION} has no default and no "
        "value in .env (compose also reads the environment; discover does not)",
        "# unresolved: postgres:${PG_VERSION}  # db/compose.yaml:3: gives 'postgres:', not an image reference: "
        '${PG_VERSION} is empty in .env (compose substitutes "")',
    ]
