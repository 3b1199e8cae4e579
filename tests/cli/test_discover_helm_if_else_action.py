"""A chart's named template that gives a value when it is set and, otherwise, one action joining other values and
the chart's version (`{{- if .Values.image }}` / `{{- .Values.image }}` / `{{- else }}` / `{{- printf "%s:%s"
.Values.operatorImageRepository .Chart.AppVersion }}` / `{{- end }}`): Go's `if` takes the value's branch when it
is not empty (https://pkg.go.dev/text/template#hdr-Actions), so where the values leave `image` empty the line calling
it is the `else` action rendered with the values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

HELPERS = """\
{{/*
The operator's image: a whole reference when given, else the repository at the chart's version
*/}}
{{- define "db-operator.image" -}}
{{- if .Values.image }}
{{- .Values.image }}
{{- else }}
{{- printf "%s:%s" .Values.operatorImageRepository .Chart.AppVersion }}
{{- end }}
{{- end -}}
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: operator
          image: {{ include "db-operator.image" . }}
          imagePullPolicy: {{ .Values.imagePullPolicy }}
"""


def _tree(values: str) -> dict[str, str]:
    return {
        "charts/db-operator/Chart.yaml": 'apiVersion: v2\nname: db-operator\nversion: "1.4.0"\nappVersion: "2.7.1"\n',
        "charts/db-operator/values.yaml": values,
        "charts/db-operator/templates/_helpers.tpl": HELPERS,
        "charts/db-operator/templates/deployment.yaml": DEPLOYMENT,
    }


def _listed(
    tmp_path: Path, values: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[tuple[str, int, str]]:
    write_tree(tmp_path, _tree(values))
    records = discover_records(tmp_path, monkeypatch, capsys)
    return sorted((r["file"].rsplit("/", 1)[-1], r["line"], r["reference"]) for r in records if r["status"] == "public")


def test_the_else_action_is_the_image_where_the_value_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = 'replicas: 1\noperatorImageRepository: docker.io/acme/db-operator\npullPolicy: Always\nimage: ""\n'
    assert ("values.yaml", 2, "acme/db-operator:2.7.1") in _listed(tmp_path, values, monkeypatch, capsys)


def test_a_value_that_is_set_is_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = "operatorImageRepository: acme/db-operator\nimage: ghcr.io/acme/db-operator:main\n"
    listed = _listed(tmp_path, values, monkeypatch, capsys)
    assert ("values.yaml", 2, "ghcr.io/acme/db-operator:main") in listed
    assert all(reference != "acme/db-operator:2.7.1" for _, _, reference in listed)
