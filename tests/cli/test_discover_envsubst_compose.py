"""A compose template a setup script renders with envsubst (`envsubst < docker-compose.yml.tmpl > out/compose.yml`)
is read as the compose file it becomes, its variables taken from the files the script sources (`source
base.setup.env`) when they give each one value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONFIGURE = """\
#!/bin/bash
set -e

source setup.env
source base.setup.env

if ! which envsubst >/dev/null 2>&1; then
  echo "envsubst is needed"
  exit 1
fi

mkdir -p artifacts
envsubst <docker-compose.yml.tmpl >artifacts/docker-compose.yml
envsubst < settings.json.tmpl | jq . >artifacts/settings.json
"""

BASE_ENV = """\
# defaults; setup.env may override them
ACME_API_TAG=${ACME_API_TAG:-"2.4.1"}
ACME_UI_TAG=${ACME_UI_TAG:-"latest"}
PROXY_TAG=1.27
PROXY_TAG=1.28
export ACME_API_TAG
export ACME_UI_TAG
"""

TEMPLATE = """\
services:
  ui:
    image: acme/ui:$ACME_UI_TAG
    ports:
      - 443:443
  api:
    image: acme/api:${ACME_API_TAG}
  proxy:
    image: nginx:$PROXY_TAG
  cache:
    image: redis:$REDIS_TAG
"""

TREE = {
    "infra/configure.sh": CONFIGURE,
    "infra/base.setup.env": BASE_ENV,
    "infra/docker-compose.yml.tmpl": TEMPLATE,
    "infra/settings.json.tmpl": '{"image": "acme/settings:$ACME_UI_TAG"}\n',
    # no script renders it: an example for users to copy, not read
    "infra/docker-compose.yml.tmpl.example": "services:\n  db:\n    image: mariadb:11.4\n",
}


def test_a_compose_template_a_script_renders_with_envsubst_is_read_with_its_sourced_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["written"], r["file"], r["line"], r["status"]) for r in records) == [
        ("acme/api:2.4.1", "infra/docker-compose.yml.tmpl", 7, "public"),
        ("acme/ui:latest", "infra/docker-compose.yml.tmpl", 3, "public"),
        # two values in the sourced files: which one the script renders is not decided here
        ("nginx:$PROXY_TAG", "infra/docker-compose.yml.tmpl", 9, "unresolved"),
        ("redis:$REDIS_TAG", "infra/docker-compose.yml.tmpl", 11, "unresolved"),
    ]
