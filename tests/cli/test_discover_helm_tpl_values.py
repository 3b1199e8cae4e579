"""A chart's values string holding template actions that the chart renders with Helm's `tpl`
(https://helm.sh/docs/howto/charts_tips_and_tricks/#using-the-tpl-function): `connectorSidecar.image:
"acme/connector-sidecar:{{ default .Chart.AppVersion .Values.global.image.tag }}"`, passed through an `imageUrl`
helper that calls `tpl $img $root`, is the image at the chart's appVersion, or at the tag the values set, at the values
line. A chart whose templates never call `tpl` leaves such a string unresolved: nothing renders it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

HELPERS = """\
{{- define "imageUrl" -}}
{{- $img := index . 0 -}}
{{- $root := index . 1 -}}
{{- if (eq (typeOf $img) "string") -}}
{{- tpl $img $root -}}
{{- else -}}
{{- printf "%s:%s" $img.repository (coalesce $img.tag $root.Chart.AppVersion) -}}
{{- end -}}
{{- end -}}
"""

CONFIG = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: launcher
data:
  CONNECTOR_SIDECAR_IMAGE: {{ include "imageUrl" (list .Values.launcher.connectorSidecar.image $) | quote }}
  ORCHESTRATOR_IMAGE: {{ include "imageUrl" (list .Values.launcher.orchestrator.image $) | quote }}
"""

VALUES = """\
global:
  image:
    tag: ""
launcher:
  connectorSidecar:
    image: "acme/connector-sidecar:{{ default .Chart.AppVersion .Values.global.image.tag }}"
  orchestrator:
    image: "acme/orchestrator:{{ .Values.global.image.tag | default .Chart.AppVersion }}"
"""

TREE = {
    "charts/platform/Chart.yaml": "apiVersion: v2\nname: platform\nversion: 1.2.0\nappVersion: 1.4.0\n",
    "charts/platform/values.yaml": VALUES,
    "charts/platform/templates/_images.tpl": HELPERS,
    "charts/platform/templates/configmap.yaml": CONFIG,
    "charts/pinned/Chart.yaml": "apiVersion: v2\nname: pinned\nversion: 1.2.0\nappVersion: 1.4.0\n",
    "charts/pinned/values.yaml": VALUES.replace('tag: ""', "tag: 1.5.0"),
    "charts/pinned/templates/_images.tpl": HELPERS,
    "charts/pinned/templates/configmap.yaml": CONFIG,
    "charts/plain/Chart.yaml": "apiVersion: v2\nname: plain\nversion: 0.1.0\nappVersion: 0.1.0\n",
    "charts/plain/values.yaml": 'worker:\n  image: "acme/worker:{{ .Chart.AppVersion }}"\n',
    "charts/plain/templates/deployment.yaml": "kind: Deployment\nimage: {{ .Values.worker.image | quote }}\n",
}


def _records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[Any]:
    monkeypatch.chdir(tmp_path)
    return tree_records(TREE, tmp_path, capsys)


def test_a_values_string_the_chart_renders_with_tpl_is_the_image_it_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys)
    listed = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"}
    assert ("acme/connector-sidecar:1.4.0", "charts/platform/values.yaml", 6) in listed
    assert ("acme/orchestrator:1.4.0", "charts/platform/values.yaml", 8) in listed
    # global.image.tag set: that tag
    assert ("acme/connector-sidecar:1.5.0", "charts/pinned/values.yaml", 6) in listed
    assert not any(ref.endswith(":1.4.0") for ref, file, _ in listed if file.startswith("charts/pinned/"))


def test_a_chart_that_never_calls_tpl_leaves_the_string_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys)
    plain = [(r["reference"], r["status"]) for r in records if r["file"].startswith("charts/plain/")]
    assert plain and all(status == "unresolved" for _, status in plain)


DB_VALUES = """\
postgresql:
  enabled: true
  image:
    repository: acme/db
unused:
  image:
    repository: acme/never-rendered
"""

DB_TEMPLATE = """\
kind: StatefulSet
spec:
  template:
    spec:
      containers:
        - name: db
          image: {{ include "imageUrl" (list .Values.postgresql.image $) }}
"""


def test_an_image_mapping_of_a_repository_alone_that_a_template_renders_takes_the_charts_tag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`postgresql.image: {repository: acme/db}` (no tag, registry nor pull policy beside it) given whole to the
    helper an `image:` line calls is the image the helper renders; a mapping no template reads stays unread."""
    tree = {
        "charts/db/Chart.yaml": "apiVersion: v2\nname: db\nversion: 1.2.0\nappVersion: 1.4.0\n",
        "charts/db/values.yaml": DB_VALUES,
        "charts/db/templates/_images.tpl": HELPERS,
        "charts/db/templates/statefulset.yaml": DB_TEMPLATE,
    }
    monkeypatch.chdir(tmp_path)
    records = tree_records(tree, tmp_path, capsys)
    listed = {(r["reference"] or r["written"], r["line"]) for r in records}
    assert ("acme/db:1.4.0", 4) in listed
    assert not any("never-rendered" in ref for ref, _ in listed)
