"""A script or a test module may name an absolute path (`source /etc/os-release`, `envsubst <
/etc/nginx/templates/default.conf.template`, `new URL('/images.json', import.meta.url)`): a path of the machine the
script or the test runs on (a container, a CI runner), not of the tree. Discover reads the tree, so what such a file
holds on the machine discover runs on is no value or image of the tree's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TEMPLATE = """\
services:
  cache:
    image: redis:${REDIS_TAG}
"""


def test_files_a_script_names_by_an_absolute_path_are_not_read_from_this_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    host = tmp_path / "host"  # stands for the machine's own files, outside the tree
    write_tree(host, {"os-release": "REDIS_TAG=from-this-machine\n", "templates/compose.yml.tmpl": TEMPLATE})
    setup = (
        "#!/bin/bash\n"
        f"source {host}/os-release\n"
        "envsubst < docker-compose.yml.tmpl > docker-compose.yml\n"
        f"envsubst < {host}/templates/compose.yml.tmpl > /etc/compose.yml\n"
    )
    repository = tmp_path / "repository"
    write_tree(repository, {"deploy/setup.sh": setup, "deploy/docker-compose.yml.tmpl": TEMPLATE})
    records = discover_records(repository, monkeypatch, capsys)
    assert [(r["written"], r["file"], r["line"], r["status"]) for r in records] == [
        ("redis:${REDIS_TAG}", "deploy/docker-compose.yml.tmpl", 3, "unresolved")
    ]


SETUP = """\
import { GenericContainer } from 'testcontainers';

const config = JSON.parse(readFileSync(new URL('HOST/images.json', import.meta.url), 'utf-8'));
export const db = new GenericContainer(config.images.postgres);
export const cache = new GenericContainer('redis:7.2');
"""


def test_a_json_file_loaded_by_an_absolute_path_is_not_read_from_this_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    host = tmp_path / "host"
    write_tree(host, {"images.json": '{"images": {"postgres": "postgres:17-from-this-machine"}}\n'})
    repository = tmp_path / "repository"
    write_tree(repository, {"tests/setup.ts": SETUP.replace("HOST", str(host))})
    records = discover_records(repository, monkeypatch, capsys)
    assert [(r["reference"], r["file"], r["line"]) for r in records] == [("redis:7.2", "tests/setup.ts", 5)]
