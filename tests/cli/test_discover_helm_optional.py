"""A chart's values images of a component the chart turns off by default (its templates use them only inside an
`if` its own values.yaml leaves false, `{{- if .Values.features.debugTools.enabled }}`) are not what an install of
the chart pulls: discover reports them apart, status `optional`, and lists them with `--with-optional`; a CI values
file of the chart that turns the component on makes them used."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import discover_records, write_tree

CHART = """\
apiVersion: v2
name: acme
version: 0.1.0
appVersion: "1.2.3"
"""

VALUES = """\
image:
  repository: ghcr.io/acme/operator
  tag: 1.2.3
features:
  debugTools:
    enabled: false
    image:
      repository: nicolaka/netshoot
      tag: v0.16
observability:
  enabled: false
  grafana:
    repository: grafana/grafana
    tag: 10.0.12
  minio:
    repository: minio/minio
    tag: RELEASE.2024-01-16T16-07-38Z
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  template:
    spec:
      containers:
        - name: operator
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        {{- if .Values.features.debugTools.enabled }}
        - name: debug
          image: "{{ .Values.features.debugTools.image.repository }}:{{ .Values.features.debugTools.image.tag }}"
        {{- end }}
        {{- if and .Values.observability.enabled .Values.image.tag }}
        - name: grafana
          image: "{{ .Values.observability.grafana.repository }}:{{ .Values.observability.grafana.tag }}"
        {{- end }}
        - name: minio
          image: "{{ .Values.observability.minio.repository }}:{{ .Values.observability.minio.tag }}"
"""


def _tree(**more: str) -> dict[str, str]:
    return {
        "chart/Chart.yaml": CHART,
        "chart/values.yaml": VALUES,
        "chart/templates/deployment.yaml": DEPLOYMENT,
        **more,
    }


def _statuses(records: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records}


def test_the_images_of_a_component_off_by_default_are_optional(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, _tree())
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _statuses(records) == {
        ("chart/values.yaml", 2, "ghcr.io/acme/operator:1.2.3", "public"),
        ("chart/values.yaml", 8, "nicolaka/netshoot:v0.16", "optional"),
        ("chart/values.yaml", 13, "grafana/grafana:10.0.12", "optional"),
        ("chart/values.yaml", 16, "minio/minio:RELEASE.2024-01-16T16-07-38Z", "public"),
    }
    reasons = {r["reference"]: r["reason"] for r in records if r["status"] == "optional"}
    assert "off by default" in str(reasons["nicolaka/netshoot:v0.16"])
    assert "debugTools" in str(reasons["nicolaka/netshoot:v0.16"])


def test_a_ci_values_file_that_turns_the_component_on_makes_its_images_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, _tree(**{"chart/ci/full-values.yaml": "observability:\n  enabled: true\n"}))
    statuses = {(r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert ("grafana/grafana:10.0.12", "public") in statuses
    assert ("nicolaka/netshoot:v0.16", "optional") in statuses


def test_with_optional_lists_them_and_the_text_report_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, _tree())
    statuses = {r["status"] for r in discover_records(tmp_path, monkeypatch, capsys, "--with-optional")}
    assert statuses == {"public"}
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert "nicolaka/netshoot" not in out and "minio/minio:RELEASE" in out
    assert "off by default" in err and "nicolaka/netshoot:v0.16" in err and "--with-optional" in err


CRONJOB = """\
{{- if .Values.alerts.enabled }}
apiVersion: batch/v1
kind: CronJob
metadata:
  name: alerts
spec:
  schedule: "*/4 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: curl
              image: quay.io/curl/curl:8.2.1
{{- end }}
"""


def test_a_template_s_own_image_inside_an_option_off_by_default_is_optional(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = VALUES + "alerts:\n  enabled: false\n"
    write_tree(tmp_path, _tree(**{"chart/values.yaml": values, "chart/templates/cronjob.yaml": CRONJOB}))
    statuses = {(r["file"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert ("chart/templates/cronjob.yaml", "quay.io/curl/curl:8.2.1", "optional") in statuses
    (tmp_path / "chart/values.yaml").write_text(VALUES + "alerts:\n  enabled: true\n")
    statuses = {(r["file"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert ("chart/templates/cronjob.yaml", "quay.io/curl/curl:8.2.1", "public") in statuses
