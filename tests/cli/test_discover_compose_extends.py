"""`ecr-mirror discover` on compose files whose services extend services of other files (`extends: {file: ...,
service: ...}`), read as `docker compose` reads them: a service takes the image of the service it extends unless it
sets its own or builds (its own `build:` or one it inherits); the extended file's image takes the values of the
project (the `.env` beside the file compose is run with), and the extended file's relative paths are relative to
it. Compose files named with `_` (`docker-compose_v3_prod.yaml`, `compose_databases.yaml`) are compose files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from tests.support.trees import discover_records, write_tree

TREE = {
    ".env": (
        "APP_IMAGE=acme/app\nAPP_TAG=2.1\nDB_IMAGE=postgres\nDB_TAG=16-alpine\nHUB_TAG=4.21.0\n"
        "CACHE_IMAGE=valkey/valkey:8.0\n"
    ),
    "docker-compose_v3_prod.yaml": (
        "services:\n"
        "  app:\n"
        "    extends:\n      file: common/services.yml\n      service: app-base\n"
        '    image: "${APP_IMAGE}:${APP_TAG}"\n'
        "  db:\n"
        "    extends:\n      file: common/services.yml\n      service: db\n"
        "  hub:\n"
        "    profiles: [selenium]\n"
        "    extends:\n      file: compose_extra.yaml\n      service: hub\n"
        "  tools:\n"
        "    extends:\n      file: common/services.yml\n      service: nested\n"
        "  worker:\n"  # inherits build: its image is the one built
        "    extends:\n      file: common/services.yml\n      service: builder\n"
        "    image: acme/worker:dev\n"
        "  cache:\n"  # its own build: the base's image is not pulled
        "    extends:\n      file: common/services.yml\n      service: cache\n"
        "    build: ./cache\n"
        "  base:\n    build: ./base\n    image: acme/base:dev\n"
        "  child:\n    extends: base\n    image: acme/child:dev\n"  # same file: inherits build too
        "  ghost:\n"
        "    extends:\n      file: missing.yml\n      service: x\n"
    ),
    "common/services.yml": (
        "services:\n"
        "  app-base:\n    restart: always\n"
        '  db:\n    image: "${DB_IMAGE}:${DB_TAG}"\n'
        "  builder:\n    build:\n      context: ../worker\n"
        "  nested:\n    extends:\n      file: more/base.yml\n      service: x\n"
        "  cache:\n    image: ${CACHE_IMAGE}\n"
    ),
    "common/more/base.yml": 'services:\n  x:\n    image: "busybox:${BUSYBOX_TAG:-1.36}"\n',
    "compose_extra.yaml": "services:\n  hub:\n    image: selenium/hub:${HUB_TAG}\n    profiles: [selenium]\n",
    "tests/e2e/docker-compose-e2e.yml": (  # run with `--project-directory .` from the top
        "services:\n  ws:\n    extends:\n      file: docker-compose.common.yml\n      service: ws-common\n"
    ),
    "docker-compose.common.yml": "services:\n  ws-common:\n    image: quay.io/soketi/soketi:1.6-16-debian\n",
    "worker/Dockerfile": "FROM python:3.12-slim\n",
    "cache/Dockerfile": "FROM alpine:3.20\n",
    "base/Dockerfile": "FROM debian:bookworm-slim\n",
}


def test_compose_files_named_with_an_underscore_are_compose_files() -> None:
    for name in ("docker-compose_v3_alpine_mysql_latest.yaml", "compose_databases.yaml", "compose_x.yml"):
        assert kind_of(name) is Kind.COMPOSE, name
    for name in ("composer.yaml", "decompose_x.yaml", "compose_notes.txt"):
        assert kind_of(name) is not Kind.COMPOSE, name


def test_a_service_takes_the_image_of_the_service_it_extends_in_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = sorted({r["reference"] for r in records if r["status"] == "public"})
    assert public == [
        "acme/app:2.1",  # its own image, with .env (not the base's)
        "alpine:3.20",
        "busybox:1.36",  # extends across two files, the second path relative to the first
        "debian:bookworm-slim",
        "postgres:16-alpine",  # the extended file's image with the project's .env
        "python:3.12-slim",  # every Dockerfile of the tree is read
        "quay.io/soketi/soketi:1.6-16-debian",
        "selenium/hub:4.21.0",
    ]
    listed = {r["reference"] for r in records}
    assert "acme/worker:dev" not in listed  # built: its build is inherited
    assert "acme/child:dev" not in listed  # built: same-file base builds
    assert "valkey/valkey:8.0" not in listed  # cache builds, its base's image is not pulled
    db = [r for r in records if r["reference"] == "postgres:16-alpine"]
    assert {(r["file"], r["line"]) for r in db} == {("docker-compose_v3_prod.yaml", 10)}, db
    ws = [r for r in records if r["reference"] == "quay.io/soketi/soketi:1.6-16-debian"]
    assert ("tests/e2e/docker-compose-e2e.yml", 5) in {(r["file"], r["line"]) for r in ws}, ws
    ghost = [r for r in records if r["file"] == "docker-compose_v3_prod.yaml" and r["status"] == "unresolved"]
    assert len(ghost) == 1 and "missing.yml" in ghost[0]["reason"], ghost


def test_an_extended_file_that_is_not_yaml_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n  a:\n    extends:\n      file: broken.yml\n      service: x\n"
                "  b:\n    extends:\n      file: compose.yaml\n      service: b\n"  # a cycle
                "  c:\n    image: redis:7.4\n"
            ),
            "broken.yml": "services: [\n",
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted(r["reference"] for r in records if r["status"] == "public") == ["redis:7.4"]
    unresolved = [r for r in records if r["status"] == "unresolved"]
    assert any("broken.yml" in r["reason"] for r in unresolved), unresolved


def test_a_build_context_takes_the_values_of_the_env_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".env": "OS=alpine\nBASE_IMAGE=debian:bookworm-slim\nTAG=alpine-7.0-local\n",
            "compose_local.yaml": (
                "services:\n"
                "  server:\n    build:\n      context: ./images/server/${OS}\n"
                "      dockerfile: ${OS}.Dockerfile\n"
                "      args:\n        BUILD_BASE_IMAGE: ${BASE_IMAGE}\n"
                "    image: acme-server:${TAG}\n"
                "  other:\n    build: ./images/${NOT_SET}\n"  # no value: as written, not read
            ),
            "images/server/alpine/alpine.Dockerfile": "ARG BUILD_BASE_IMAGE=scratch\nFROM ${BUILD_BASE_IMAGE}\n",
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    found = sorted((r["file"], r["reference"]) for r in records if r["status"] == "public")
    assert found == [("images/server/alpine/alpine.Dockerfile", "debian:bookworm-slim")]
