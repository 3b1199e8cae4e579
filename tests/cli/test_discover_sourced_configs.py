"""`ecr-mirror discover` on held-out set AS showed missed: a script that sources a per-target configuration file
(`source $BASE/podman-config`, the directory chosen by the script's argument) and pulls the image it names
(`podman pull $IMAGE`), as xo/usql's `contrib/podman-run.sh` does for some twenty databases; and a pull in the
branch of an `if` whose other branch builds the image instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

RUNNER = (
    "#!/bin/bash\n"  # 1
    'SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)\n'  # 2
    "start() {\n"  # 3
    "  BASE=$SRC/$1\n"  # 4
    "  unset IMAGE NAME PORTS\n"  # 5
    "  source $BASE/db-config\n"  # 6
    "  if [ ! -f $BASE/Dockerfile ]; then\n"  # 7
    "    podman pull $IMAGE\n"  # 8
    "  else\n"  # 9
    "    podman build -t $IMAGE .\n"  # 10
    "  fi\n"  # 11
    '  podman run -d --name "$NAME" -p $PORTS $IMAGE\n'  # 12
    "}\n"  # 13
    'start "$1"\n'  # 14
)

TREE = {
    "dev/run-db.sh": RUNNER,
    "dev/pg/db-config": "NAME=pg\nIMAGE=docker.io/library/postgres:16\nPORTS=5432:5432\n",
    "dev/maria/db-config": 'NAME=maria\nIMAGE="docker.io/library/mariadb:11"\nPORTS="3306:3306"\n',
    "dev/mssql/db-config": "# SQL Server\nNAME=mssql\nIMAGE=mcr.microsoft.com/mssql/server:2022-latest\n",
}


def test_the_images_of_each_configuration_a_script_sources_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(TREE, tmp_path, capsys)
    pulled = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert pulled == {
        ("dev/run-db.sh", 8, "postgres:16"),
        ("dev/run-db.sh", 8, "mariadb:11"),
        ("dev/run-db.sh", 8, "mcr.microsoft.com/mssql/server:2022-latest"),
    }
    # the run after the `if` may start the image the other branch built: not listed, and not unresolved
    assert not [r for r in records if r["line"] == 12 and r["status"] == "unresolved"]


def test_a_sourced_file_with_another_name_or_a_name_the_script_assigns_gives_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "dev/run-db.sh": RUNNER.replace("start() {\n", "IMAGE=alpine:3.20\nstart() {\n"),
        "dev/pg/db-config": "IMAGE=postgres:16\n",
        "dev/other/other-config": "IMAGE=redis:7\n",
    }
    records = tree_records(tree, tmp_path, capsys)
    assert {r["reference"] for r in records if r["status"] == "public"} == {"alpine:3.20"}


def test_a_pull_with_no_sourced_value_is_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"dev/run-db.sh": RUNNER}, tmp_path, capsys)
    assert [(r["line"], r["status"]) for r in records if r["line"] == 8] == [(8, "unresolved")]
