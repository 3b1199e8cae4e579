"""A chart whose `image.repository` is a prefix its templates complete with a path of their own (`{{
.Values.image.repository }}/operator:{{ .Values.image.tag | default .Chart.AppVersion }}`, the values saying only
`repository: acme`): the image is the one the template line renders, not `acme:TAG`. A template line that uses the
repository as it is keeps the values' reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TAG = "{{ .Values.image.tag | default .Chart.AppVersion }}"
OPERATOR_CHART = {
    "helm/operator/Chart.yaml": "apiVersion: v2\nname: operator\nversion: 0.0.0\nappVersion: 1.9.2\n",
    "helm/operator/values.yaml": (
        "replicas: 2\n"
        "# Allows to customize the operator image\n"
        "image:\n"
        "  repository: acme\n"
        "  pullPolicy: IfNotPresent\n"
        "  # Overrides the image tag whose default is the chart appVersion.\n"
        '  tag: ""\n'
    ),
    "helm/operator/templates/deployment.yaml": (
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata:\n"
        "  name: {{ .Release.Name }}\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "      - name: operator\n"
        "        image: {{ .Values.image.repository }}/acme-operator:" + TAG + "\n"
        "        imagePullPolicy: {{ .Values.image.pullPolicy }}\n"
    ),
    "helm/manager/Chart.yaml": "apiVersion: v2\nname: manager\nversion: 0.0.0\nappVersion: latest\n",
    "helm/manager/values.yaml": (
        "image:\n  repository: acme\n  pullPolicy: IfNotPresent\n  tag: 3.2.0@sha256:" + "ab" * 32 + "\n"
    ),
    "helm/manager/templates/deployment.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
        "      - name: manager\n"
        "        image: {{ .Values.image.repository }}/acme-manager:" + TAG + "\n"
    ),
    "helm/plain/Chart.yaml": "apiVersion: v2\nname: plain\nversion: 0.1.0\nappVersion: 2.0.0\n",
    "helm/plain/values.yaml": "image:\n  repository: ghcr.io/acme/plain\n  tag: ''\n",
    "helm/plain/templates/deployment.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
        "      - name: plain\n"
        '        image: "{{ .Values.image.repository }}:' + TAG + '"\n'
    ),
}


def test_a_template_path_after_the_repository_names_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, OPERATOR_CHART)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("helm/operator/values.yaml", 4, "acme/acme-operator:1.9.2", "public"),
        ("helm/manager/values.yaml", 2, "acme/acme-manager:3.2.0@sha256:" + "ab" * 32, "public"),
        ("helm/plain/values.yaml", 2, "ghcr.io/acme/plain:2.0.0", "public"),
    }
