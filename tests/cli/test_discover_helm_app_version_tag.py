"""A chart template that writes its image's repository itself and tags it with the chart's own version (`image:
quay.io/acme/dashboard:{{ .Chart.AppVersion }}`, `ghcr.io/acme/hooks:v{{ .Chart.Version }}`): the image at the
template's line, with the version `Chart.yaml` gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-dashboard
spec:
  template:
    spec:
      initContainers:
        - name: hooks
          image: "ghcr.io/acme/hooks:v{{ .Chart.Version }}"
      containers:
        - name: dashboard
          image: quay.io/acme/dashboard:{{ .Chart.AppVersion }}
        - name: metrics
          image: quay.io/prometheus/prometheus:v2.51.1
"""
TREE = {
    "charts/dashboard/Chart.yaml": 'apiVersion: v2\nname: dashboard\nversion: "1.2.0"\nappVersion: "0.5.0"\n',
    "charts/dashboard/values.yaml": "replicas: 1\n",
    "charts/dashboard/templates/deployment.yaml": DEPLOYMENT,
}


def test_an_image_tagged_with_the_chart_s_version_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert sorted((r["reference"], r["file"], r["line"], r["status"]) for r in records) == [
        ("ghcr.io/acme/hooks:v1.2.0", "charts/dashboard/templates/deployment.yaml", 10, "public"),
        ("quay.io/acme/dashboard:0.5.0", "charts/dashboard/templates/deployment.yaml", 13, "public"),
        ("quay.io/prometheus/prometheus:v2.51.1", "charts/dashboard/templates/deployment.yaml", 15, "public"),
    ]
