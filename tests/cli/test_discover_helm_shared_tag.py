"""A chart whose templates give every image one shared tag, `.Values.imageTag`, that defaults to the chart's
appVersion with a prefix (`{{ .Values.web.image.repository }}:{{ .Values.imageTag | default (printf "v%s"
.Chart.AppVersion) }}`), and a chart-testing values file (`ci/*-values.yaml`) that sets that tag: the images the
default values make and those the CI values make."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "deploy/chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 3.1.0\nappVersion: 2.4.0\n",
    "deploy/chart/values.yaml": (
        '# the tag of the web and worker images; empty: v + the chart\'s appVersion\nimageTag: ""\n'
        "pullPolicy: IfNotPresent\n"
        "web:\n  replicas: 2\n  image:\n    # without the tag\n    repository: acme/shop-web\n"
        "worker:\n  job:\n    image:\n      repository: acme/shop-worker\n"
        "cache:\n  image: redis:7.4\n"
    ),
    "deploy/chart/ci/default-values.yaml": "# chart-testing: the appVersion may be unreleased\nimageTag: latest\n",
    "deploy/chart/templates/web.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: web\n"
        '          image: {{ .Values.web.image.repository }}:{{ .Values.imageTag | default (printf "v%s" '
        ".Chart.AppVersion) }}\n"
        "          imagePullPolicy: {{ .Values.pullPolicy }}\n"
        "        - name: cache\n          image: {{ .Values.cache.image }}\n"
    ),
    "deploy/chart/templates/worker.yaml": (
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-worker\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: worker\n"
        '          image: "{{ .Values.worker.job.image.repository }}:{{ .Values.imageTag | default (printf "v%s"'
        ' .Chart.AppVersion) }}"\n'
    ),
}


def test_a_shared_tag_defaulting_to_a_prefixed_app_version_and_its_ci_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    public = sorted({(r["reference"], r["file"]) for r in records if r["status"] == "public"})
    assert public == [
        ("acme/shop-web:latest", "deploy/chart/ci/default-values.yaml"),
        ("acme/shop-web:v2.4.0", "deploy/chart/values.yaml"),
        ("acme/shop-worker:latest", "deploy/chart/ci/default-values.yaml"),
        ("acme/shop-worker:v2.4.0", "deploy/chart/values.yaml"),
        ("redis:7.4", "deploy/chart/values.yaml"),
    ]
    assert not [r for r in records if r["status"] == "unresolved"]
