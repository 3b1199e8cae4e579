"""`ecr-mirror discover` fills a Kyverno Chainsaw test's resource templates with the bindings the test gives the
operation that applies them (templating is on by default since Chainsaw v0.2.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TEST = """\
apiVersion: chainsaw.kyverno.io/v1alpha1
kind: Test
metadata:
  name: app-python
spec:
  bindings:
    - name: registry
      value: ghcr.io/acme/e2e
  steps:
  - name: install app
    try:
    - apply:
        bindings:
          - name: TAG
            value: main
          - name: APP_IMAGE
            value: (join(':', [join('/', [$registry, 'app-python']), $TAG]))
        file: 01-install-app.yaml
    - apply:
        file: 02-install-sidecar.yaml
---
apiVersion: chainsaw.kyverno.io/v1alpha1
kind: Test
metadata:
  name: app-python-oldest
spec:
  steps:
  - try:
    - apply:
        bindings:
          - name: APP_IMAGE
            value: ghcr.io/acme/e2e/app-python:main-3.10
        file: 01-install-app.yaml
    - apply:
        bindings:
          - name: bridgeImage
            value: (env('BRIDGE_IMG'))
        file: 03-install-bridge.yaml
"""

APP = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - name: app
        image: ($APP_IMAGE)
"""

SIDECAR = """\
apiVersion: v1
kind: Pod
metadata:
  name: sidecar
spec:
  containers:
  - name: sidecar
    image: (join(':', [$registry, 'sidecar']))
"""

BRIDGE = APP.replace("($APP_IMAGE)", "($bridgeImage)")


def test_resource_templates_take_the_bindings_of_each_operation_applying_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/e2e/app/chainsaw-test.yaml": TEST,
            "tests/e2e/app/01-install-app.yaml": APP,
            "tests/e2e/app/02-install-sidecar.yaml": SIDECAR,
            "tests/e2e/app/03-install-bridge.yaml": BRIDGE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert rows == {
        ("tests/e2e/app/01-install-app.yaml", 10, "ghcr.io/acme/e2e/app-python:main", "public"),
        ("tests/e2e/app/01-install-app.yaml", 10, "ghcr.io/acme/e2e/app-python:main-3.10", "public"),
        ("tests/e2e/app/02-install-sidecar.yaml", 8, "ghcr.io/acme/e2e:sidecar", "public"),
        ("tests/e2e/app/03-install-bridge.yaml", 10, None, "unresolved"),
        # a binding named for an image, read as such in the test itself
        ("tests/e2e/app/chainsaw-test.yaml", 32, "ghcr.io/acme/e2e/app-python:main-3.10", "public"),
    }
    bridge = next(r for r in records if r["file"] == "tests/e2e/app/03-install-bridge.yaml")
    assert "Chainsaw" in bridge["reason"] and "env(" in bridge["reason"]


def test_a_template_an_operation_does_not_render_keeps_its_expression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/e2e/app/chainsaw-test.yaml": TEST.replace(
                "        file: 01-install-app.yaml\n", "        file: 01-install-app.yaml\n        template: false\n", 1
            ).replace("- name: APP_IMAGE\n            value: ghcr", "- name: UNUSED\n            value: ghcr"),
            "tests/e2e/app/01-install-app.yaml": APP,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tests/e2e/app/01-install-app.yaml", 10, None, "unresolved")
    }
