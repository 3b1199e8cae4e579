"""`ecr-mirror discover` on a chart whose `values.yaml` keeps an image under a top-level key that no template of the
chart reads (a `klikkflow.image` left from an earlier layout, beside the `backend.image` the deployment renders): Helm
renders only what its templates read (https://helm.sh/docs/chart_template_guide/values_files/), so that image is
never deployed. A key a template reads, a subchart's key (named as its dependency) and `global` stay read, and so
does every key of a chart whose templates hand the whole `.Values` on (`toYaml .Values`). Shaped after a workflow
platform's Helm chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CHART = "apiVersion: v2\nname: platform\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 18.0.0\n"
VALUES = """global:
  imageRegistry: ""
klikkflow:
  image:
    repository: klikkflow/klikkflow
    tag: "1.0.0"
backend:
  image:
    repository: klikkflow/backend
    tag: "1.0.0"
redis:
  image:
    repository: bitnami/redis
    tag: "7.2.4"
"""
DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-backend
spec:
  template:
    spec:
      containers:
        - name: backend
          image: "{{ .Values.backend.image.repository }}:{{ .Values.backend.image.tag }}"
"""


def _public(records: list[dict[str, object]]) -> set[object]:
    return {r["reference"] for r in records if r["status"] == "public"}


def test_an_image_under_a_key_no_template_reads_is_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "charts/platform/Chart.yaml": CHART,
            "charts/platform/values.yaml": VALUES,
            "charts/platform/templates/deployment.yaml": DEPLOYMENT,
        },
    )
    public = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert "klikkflow/klikkflow:1.0.0" not in public
    assert {"klikkflow/backend:1.0.0", "bitnami/redis:7.2.4"} <= public


def test_a_chart_handing_the_whole_values_on_keeps_every_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = DEPLOYMENT + "---\napiVersion: v1\nkind: ConfigMap\ndata:\n  values: {{ toYaml .Values | quote }}\n"
    write_tree(
        tmp_path,
        {
            "charts/platform/Chart.yaml": CHART,
            "charts/platform/values.yaml": VALUES,
            "charts/platform/templates/deployment.yaml": whole,
        },
    )
    public = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert {"klikkflow/klikkflow:1.0.0", "klikkflow/backend:1.0.0", "bitnami/redis:7.2.4"} <= public


def test_an_image_under_a_second_level_key_no_template_reads_is_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The templates read `.Values.klikkflow.env.LOG_LEVEL`, never `.Values.klikkflow.image`: that image is not
    deployed. A template handing `.Values.klikkflow` on whole (`toYaml .Values.klikkflow`) would read it."""
    configmap = "apiVersion: v1\nkind: ConfigMap\ndata:\n  LOG_LEVEL: {{ .Values.klikkflow.env.LOG_LEVEL | quote }}\n"
    values = VALUES.replace('    tag: "1.0.0"\nbackend:', '    tag: "1.0.0"\n  env:\n    LOG_LEVEL: info\nbackend:', 1)
    tree = {
        "charts/platform/Chart.yaml": CHART,
        "charts/platform/values.yaml": values,
        "charts/platform/templates/deployment.yaml": DEPLOYMENT,
        "charts/platform/templates/configmap.yaml": configmap,
    }
    write_tree(tmp_path, tree)
    public = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert "klikkflow/klikkflow:1.0.0" not in public
    assert {"klikkflow/backend:1.0.0", "bitnami/redis:7.2.4"} <= public
    whole = configmap + "  all: {{ toYaml .Values.klikkflow | quote }}\n"
    write_tree(tmp_path, {**tree, "charts/platform/templates/configmap.yaml": whole})
    assert "klikkflow/klikkflow:1.0.0" in _public(discover_records(tmp_path, monkeypatch, capsys))
