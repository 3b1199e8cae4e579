"""`ecr-mirror discover` reads a compose file once per env file a Makefile's recipe selects for it by a variable
(`--env-file env/.env.v$$version`), over the `.env` beside it; an env file of another directory, or a recipe
without `--env-file`, is not read so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
SUPPORTED := 8.2 7.4
DEFAULT_VERSION := 8.2

start:
\t@if [ -z "$(version)" ]; then \\
\t\tversion="$(DEFAULT_VERSION)"; \\
\tfi; \\
\tdefault_env_file="tests/env/.env"; \\
\tcustom_env_file="tests/env/.env.v$$version"; \\
\tenv_files="--env-file $$default_env_file"; \\
\tif [ -f "$$custom_env_file" ]; then \\
\t\tenv_files="$$env_files --env-file $$custom_env_file"; \\
\tfi; \\
\tdocker compose $$env_files -f tests/env/docker-compose.yml up -d --wait

stop:
\tdocker compose -f tests/env/docker-compose.yml down
"""

COMPOSE = """\
x-kv-image: &kv-image
  image: "${KV_IMAGE}:${KV_IMAGE_TAG:-${KV_VERSION:-}}"

services:
  kv-1:
    <<: *kv-image
  proxy:
    image: ghcr.io/shopify/toxiproxy:2.8.0
"""

TREE = {
    "Makefile": MAKEFILE,
    "tests/env/docker-compose.yml": COMPOSE,
    "tests/env/.env": "KV_VERSION=8.2.1\nKV_IMAGE=valkey/valkey\n",
    "tests/env/.env.v8.2": "KV_VERSION=8.2.1\n",
    "tests/env/.env.v7.4": "KV_VERSION=7.4.3\n",
    # beside another compose file no recipe selects env files for: not read with this one
    "other/docker-compose.yml": "services:\n  db:\n    image: postgres:${PG:-16}\n",
    "other/.env.v15": "PG=15\n",
}


def test_env_files_a_recipe_selects_by_a_variable_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    compose = "tests/env/docker-compose.yml"
    assert records == {
        (compose, 2, "valkey/valkey:8.2.1", "public"),
        (compose, 2, "valkey/valkey:7.4.3", "public"),
        (compose, 8, "ghcr.io/shopify/toxiproxy:2.8.0", "public"),
        ("other/docker-compose.yml", 3, "postgres:16", "public"),
    }
