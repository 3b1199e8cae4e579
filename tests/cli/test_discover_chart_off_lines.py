"""A chart template's literal `image:` line inside a lone `{{- if .Values.X.enabled }}` that the chart's values
set to `false`: a part the chart leaves off, not rendered, so not listed; the same line with the part on is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

CHART = "apiVersion: v2\nname: ledger\nversion: 0.3.0\nappVersion: 2.4.0\n"

VALUES = """\
image:
  repository: ghcr.io/acme/ledger
  tag: "2.4.0"
exporter:
  enabled: false
"""

EXPORTER = """\
{{- if .Values.exporter.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-exporter
spec:
  template:
    spec:
      initContainers:
        - name: wait
          image: busybox:1.37
      containers:
        - name: exporter
          image: "{{ .Values.image.repository }}-exporter:{{ .Values.image.tag }}"
{{- end }}
"""

APP = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: alpine:3.20
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
"""


def _tree(tmp_path: Path, values: str) -> None:
    (tmp_path / "charts/ledger/templates").mkdir(parents=True)
    (tmp_path / "charts/ledger/Chart.yaml").write_text(CHART)
    (tmp_path / "charts/ledger/values.yaml").write_text(values)
    (tmp_path / "charts/ledger/templates/exporter.yaml").write_text(EXPORTER)
    (tmp_path / "charts/ledger/templates/app.yaml").write_text(APP)


def test_a_literal_line_of_a_part_off_by_default_is_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, VALUES)
    listed = {r["reference"] for r in discover_records(tmp_path, monkeypatch, capsys) if r["status"] == "public"}
    assert "alpine:3.20" in listed
    assert "busybox:1.37" not in listed


def test_the_same_line_with_the_part_on_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, VALUES.replace("enabled: false", "enabled: true"))
    listed = {r["reference"] for r in discover_records(tmp_path, monkeypatch, capsys) if r["status"] == "public"}
    assert {"alpine:3.20", "busybox:1.37"} <= listed
