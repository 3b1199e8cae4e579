"""Compose files merged into one project: the files of one `docker_compose([...])` call of a Tiltfile, of one
compose command with several `-f` (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/), and a
`compose.override.yaml` beside its `compose.yaml`, which compose reads with it by default. A service one file builds
(`build:`) builds in the merged project, so the `image:` another file gives it names what is built, not a pull."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

BASE = (
    "services:\n"
    "  server:\n"
    "    build:\n      context: .\n      dockerfile: server/Dockerfile\n"
    "    image: acme/server:local\n"
    "  web:\n    build: web\n    image: acme/web:local\n"
    "  cache:\n    image: valkey/valkey:8.1\n"
)
# speckle-server's shape: an override file beside the Tiltfile gives each built service an untagged name
OVERRIDE = (
    "services:\n"
    "  server:\n    image: acme/server\n    environment:\n      LOG_PRETTY: 'true'\n"
    "  web:\n    image: acme/web\n"
    "  cache:\n    image: valkey/valkey:8.1-alpine\n"  # a service the base file pulls: still pulled
    "  extra:\n    image: acme/extra:2\n"  # a service of its own, built nowhere: pulled
)
TILTFILE = (
    "docker_compose(['../../docker-compose-app.yml', './docker-compose-app.override.yml'], wait=True)\n"
    "dc_resource('server', labels=['app'])\n"
)
MAKEFILE = "ci-up:\n\tdocker compose -f docker-compose-app.yml -f ci/compose.ci.yml up -d\n"
CI = "services:\n  web:\n    image: ghcr.io/acme/web:${TAG:-edge}\n"
# a file no command merges with the base: its images are pulls
ALONE = "services:\n  server:\n    image: acme/server:2.4\n"
AUTO_BASE = "services:\n  api:\n    build: .\n    image: acme/api:dev\n"
AUTO_OVERRIDE = "services:\n  api:\n    image: acme/api:override\n  db:\n    image: postgres:17\n"
# pulumi's self-hosted installer: the base file pulls the published image, a development override builds from
# sources under a name of its own; merged, the override's name wins, and the base's image, pulled when the base runs
# alone, is no build's
PUBLISHED_BASE = "services:\n  api:\n    image: acme/service:1.4@sha256:" + "ab" * 32 + "\n"
DEVELOPMENT_OVERRIDE = "services:\n  api:\n    image: acme/service:scratch\n    build: ../src\n"


def test_an_image_another_merged_file_builds_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "docker-compose-app.yml": BASE,
            "server/Dockerfile": "FROM node:22-alpine\n",
            "web/Dockerfile": "FROM nginx:1.27-alpine\n",
            "tests/deploy/Tiltfile": TILTFILE,
            "tests/deploy/docker-compose-app.override.yml": OVERRIDE,
            "Makefile": MAKEFILE,
            "ci/compose.ci.yml": CI,
            "examples/compose-alone.yml": ALONE,
            "svc/compose.yaml": AUTO_BASE,
            "svc/Dockerfile": "FROM python:3.13-slim\n",
            "svc/compose.override.yaml": AUTO_OVERRIDE,
            "quickstart/docker-compose.yml": PUBLISHED_BASE,
            "quickstart/docker-compose.override.yml": DEVELOPMENT_OVERRIDE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    status = {(r["file"], r["reference"]): r["status"] for r in records}
    override = "tests/deploy/docker-compose-app.override.yml"
    assert status[(override, "acme/server:latest")] == "built-here"
    assert status[(override, "acme/web:latest")] == "built-here"
    assert status[(override, "valkey/valkey:8.1-alpine")] == "public"
    assert status[(override, "acme/extra:2")] == "public"
    assert status[("ci/compose.ci.yml", "ghcr.io/acme/web:edge")] == "built-here"  # merged by the Makefile's -f -f
    assert status[("examples/compose-alone.yml", "acme/server:2.4")] == "public"
    assert status[("svc/compose.override.yaml", "acme/api:override")] == "built-here"  # compose's default override
    assert status[("svc/compose.override.yaml", "postgres:17")] == "public"
    assert status[("quickstart/docker-compose.yml", "acme/service:1.4@sha256:" + "ab" * 32)] == "public"
