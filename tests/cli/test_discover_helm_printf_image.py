"""A chart whose templates write the image's repository themselves and format the tag in with `printf`, the tag
defaulting to the chart's appVersion (`image: {{ printf "acme/console-api:%s" (default .Chart.AppVersion
(.Values.image).tag) }}`, the values setting no image): the image at the template's line, with the appVersion;
where the line reads the values (a tag or a name a values file sets), at the line of the values file."""

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
  name: {{ .Release.Name }}-{{ .Values.component }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
        - name: {{ .Values.component }}
          image: {{ printf "acme/console-%s:%s" .Values.component (default .Chart.AppVersion (.Values.image).tag) }}
        - name: proxy
          image: {{ printf "acme/console-proxy:%s" (default .Chart.AppVersion .Values.proxyTag) }}
        - name: ui
          image: {{ printf "acme/console-ui:%s" (default .Chart.AppVersion (.Values.ui).tag) }}
        {{- if .Values.global.imageRegistry }}
        - name: mirrored
          image: "{{ .Values.global.imageRegistry }}/acme/console-ui:{{ .Values.uiTag }}"
        {{- end }}
"""
TREE = {
    "install/chart/Chart.yaml": 'apiVersion: v2\nname: console\nversion: "0.4.2"\nappVersion: "v0.9.1"\n',
    "install/chart/values.yaml": (
        "component: api\nreplicas: 1\nproxyTag: v0.8.0\nuiTag: v0.9.0\n# a mirror's host, when set\n"
        "global:\n  imageRegistry: ''\n"
    ),
    "install/chart/templates/deployment.yaml": DEPLOYMENT,
}


def test_an_image_formatted_by_printf_with_the_app_version_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert sorted((r["reference"], r["file"], r["line"], r["status"]) for r in records) == [
        ("acme/console-api:v0.9.1", "install/chart/values.yaml", 1, "public"),
        ("acme/console-proxy:v0.8.0", "install/chart/values.yaml", 3, "public"),
        ("acme/console-ui:v0.9.1", "install/chart/templates/deployment.yaml", 15, "public"),
    ]
