"""A compose file's `.env` that the repository does not hold but its own scripts make by copying a template
(`cp .env.example .env` in a setup script or CI step, a Makefile rule `.env:` running `cp .env.template $@`) is that
template when compose runs: compose reads `.env` from the project directory
(https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file), so
`postgres:${PG_VERSION}` takes the template's `PG_VERSION`. A template nothing copies is a file for users to edit:
not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

COMPOSE = "services:\n  db:\n    image: postgres:${PG_VERSION}\n  cache:\n    image: redis:${REDIS_TAG:-7.2}\n"


def _listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> set[str]:
    records = discover_records(tmp_path, monkeypatch, capsys)
    return {r["reference"] for r in records if r["status"] == "public"}


def test_a_template_a_setup_script_copies_to_dotenv_gives_the_compose_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "docker/docker-compose.yml": COMPOSE,
            "docker/.env.example": "# copy to .env\nPG_VERSION=16.4\nREDIS_TAG=7.4\n",
            "scripts/setup.sh": (
                "#!/bin/sh\nset -e\ncp docker/.env.example docker/.env\n"
                "docker compose -f docker/docker-compose.yml up -d\n"
            ),
        },
    )
    listed = _listed(tmp_path, monkeypatch, capsys)
    assert {"postgres:16.4", "redis:7.4"} <= listed
    assert "redis:7.2" not in listed


def test_a_makefile_rule_making_dotenv_from_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "docker-compose.yml": COMPOSE,
            ".env.template": "PG_VERSION=17.2\n",
            "Makefile": ".env:\n\t@test -f $@ || cp .env.template $@\n\nup: .env\n\tdocker compose up -d\n",
        },
    )
    assert {"postgres:17.2", "redis:7.2"} <= _listed(tmp_path, monkeypatch, capsys)


def test_a_template_nothing_copies_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"docker-compose.yml": COMPOSE, ".env.example": "PG_VERSION=16.4\n"})
    assert "postgres:16.4" not in _listed(tmp_path, monkeypatch, capsys)
