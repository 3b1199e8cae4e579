"""`ecr-mirror discover` reads the containers a DevSpace deployment gives DevSpace's component chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

OLD_SCHEMA = """\
version: v1beta9
images:
  app:
    image: acme/app
deployments:
- name: db
  helm:
    componentChart: true
    values:
      containers:
      - env:
        - name: MYSQL_DATABASE
          value: shop
        image: mysql:8.0
- name: app
  helm:
    componentChart: true
    values:
      containers:
      - image: acme/app
- name: other
  helm:
    chart:
      name: ./chart
    values:
      containers:
      - image: acme/not-read:1
"""

NEW_SCHEMA = """\
version: v2beta1
deployments:
  cache:
    helm:
      chart:
        name: component-chart
        repo: https://charts.devspace.sh
      values:
        initContainers:
        - image: busybox:1.36
        containers:
        - image: redis:7.2
"""


def test_the_containers_of_devspace_component_chart_deployments_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"old/devspace.yaml": OLD_SCHEMA, "new/devspace.yaml": NEW_SCHEMA}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[2], row[4], row[5]) for row in rows) == [
        ("new/devspace.yaml", 10, "DevSpace configuration", "busybox:1.36", "public"),
        ("new/devspace.yaml", 12, "DevSpace configuration", "redis:7.2", "public"),
        ("old/devspace.yaml", 14, "DevSpace configuration", "mysql:8.0", "public"),
    ]
