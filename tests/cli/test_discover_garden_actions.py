"""`ecr-mirror discover` reads the images of Garden's container actions (`garden.yml`, `*.garden.yml`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

DB = """\
kind: Deploy
description: the database
type: container
name: db
spec:
  image: postgres:15.4-alpine
  ports:
    - name: db
      containerPort: 5432
---
kind: Run
name: db-migrate
type: container
dependencies: [deploy.db]
spec:
  image: postgres:15.4-alpine
  command: [psql, -c, "SELECT 1"]
---
kind: Build
type: container
name: api
---
kind: Deploy
type: container
name: api
build: api
spec:
  image: ${actions.build.api.outputs.deploymentImageId}
"""

PROXY = """\
kind: Test
name: proxy-smoke
type: container
spec:
  image: quay.io/acme/proxy-check:2.1.0
  args: [check]
"""

# the same shape in a file Garden does not read, and a Deploy action of another type
OTHER = """\
kind: Deploy
type: container
name: cache
spec:
  image: redis:7.2
"""

HELM = """\
kind: Deploy
type: helm
name: chart
spec:
  image: acme/not-an-image:1
"""


def test_the_images_of_garden_container_actions_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "project/db/garden.yml": DB,
        "project/proxy/proxy.garden.yaml": PROXY,
        "project/cache/actions.yml": OTHER,
        "project/chart/garden.yml": HELM,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[2], row[4], row[5]) for row in rows] == [
        ("project/db/garden.yml", 6, "Garden action", "postgres:15.4-alpine", "public"),
        ("project/db/garden.yml", 16, "Garden action", "postgres:15.4-alpine", "public"),
        ("project/proxy/proxy.garden.yaml", 5, "Garden action", "quay.io/acme/proxy-check:2.1.0", "public"),
    ]
