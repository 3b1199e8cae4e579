"""Compose stubs: a scaffolding package's `stubs/*.stub` files of compose services, which its installer writes into
the user's `docker-compose.yml` (Laravel Sail's `sail:install` merges `stubs/mysql.stub`, `mysql:` / `image:
'mysql/mysql-server:8.0'`, into the services of the file it writes from `stubs/docker-compose.stub`), are read as
compose files: the user's `docker compose up` pulls their images as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

APP_STUB = """\
# For more information: https://example.org/docs/devkit
services:
    app.test:
        build:
            context: ./vendor/acme/devkit/runtimes/{{PHP_VERSION}}
            dockerfile: Dockerfile
        image: devkit-{{PHP_VERSION}}/app
        ports:
            - '${APP_PORT:-80}:80'
        networks:
            - devkit
    proxy:
        image: 'traefik:v3.1'
networks:
    devkit:
        driver: bridge
"""

PGSQL_STUB = """\
pgsql:
    image: 'postgres:16'
    ports:
        - '${FORWARD_DB_PORT:-5432}:5432'
    environment:
        POSTGRES_PASSWORD: '${DB_PASSWORD:-secret}'
    volumes:
        - 'devkit-pgsql:/var/lib/postgresql/data'
    healthcheck:
        test: ["CMD", "pg_isready", "-q"]
        retries: 3
"""

CACHE_STUB = """\
valkey:
    image: 'valkey/valkey:8-alpine'
    networks:
        - devkit
"""

TREE = {
    "stubs/docker-compose.stub": APP_STUB,
    "stubs/pgsql.stub": PGSQL_STUB,
    "stubs/valkey.stub": CACHE_STUB,
    # a PHP class stub of the same package: not YAML of compose services
    "stubs/provider.stub": "<?php\n\nnamespace {{ namespace }};\n\nclass {{ class }}\n{\n}\n",
    # a YAML stub of settings, not of services: `image` beside keys no compose service has
    "stubs/config.stub": "media:\n    image: storage/app/images\n    disk: public\n",
    # a service fragment outside a stub: a YAML file of no compose name is not read as compose by this shape
    "deploy/cache.yml": "redis:\n    image: 'redis:7.4'\n",
}


def test_compose_stubs_are_read_as_the_compose_files_they_become(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["kind"], r["reference"], r["status"]) for r in records) == [
        ("stubs/docker-compose.stub", 13, "compose file", "traefik:v3.1", "public"),
        ("stubs/pgsql.stub", 2, "compose file", "postgres:16", "public"),
        ("stubs/valkey.stub", 2, "compose file", "valkey/valkey:8-alpine", "public"),
    ]


def test_a_stub_of_services_that_only_build_lists_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stub = "worker:\n    build: ./docker/worker\n    image: devkit/worker\n"
    write_tree(tmp_path, {"stubs/worker.stub": stub, "docker/worker/Dockerfile": "FROM php:8.3-cli\n"})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("docker/worker/Dockerfile", 1, "php:8.3-cli", "public"),
    ]
