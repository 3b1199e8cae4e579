"""`ecr-mirror discover` on an operator chart that tells its controller the images it injects through environment
variables whose registry and tag default to the operator image's own (`value: "{{ .Values.relatedImages.init.registry
| default .Values.image.registry }}/{{ .Values.relatedImages.init.repository }}:{{ .Values.relatedImages.init.tag |
default .Values.image.tag }}"`, the values leaving both empty): Sprig's `default` in its pipeline form takes the
other lookup when the value is empty (https://masterminds.github.io/sprig/defaults.html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

VALUES = """\
image:
  registry: "docker.io/example"
  repository: "widget-operator"
  pullPolicy: IfNotPresent
  tag: "v1.2.0"
relatedImages:
  initContainer:
    registry: ""
    repository: "widget-init"
    tag: ""
  reloader:
    registry: "ghcr.io/example"
    repository: "widget-reloader"
    tag: "v0.9.1"
  sidecar:
    registry: ""
    repository: "widget-sidecar"
    tag: ""
"""

ENV = (
    "            - name: RELATED_IMAGE_{upper}\n"
    '              value: "{{{{ .Values.relatedImages.{key}.registry | default .Values.{registry}.registry }}}}'
    "/{{{{ .Values.relatedImages.{key}.repository }}}}"
    ':{{{{ .Values.relatedImages.{key}.tag | default .Values.image.tag }}}}"\n'
)
OPERATOR = (
    """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-operator
spec:
  template:
    spec:
      containers:
        - name: operator
          image: "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          env:
"""
    + ENV.format(upper="INIT_CONTAINER", key="initContainer", registry="image")
    + ENV.format(upper="RELOADER", key="reloader", registry="image")
    + ENV.format(upper="SIDECAR", key="sidecar", registry="missing")
)


def test_an_empty_registry_and_tag_piped_to_default_take_the_other_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: widget-operator\nversion: 1.2.0\n",
            "chart/values.yaml": VALUES,
            "chart/templates/operator.yaml": OPERATOR,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    # at the line of the first value the line reads, the operator's registry standing in for the empty one
    assert ("chart/values.yaml", 2, "example/widget-init:v1.2.0") in listed
    assert ("chart/values.yaml", 13, "ghcr.io/example/widget-reloader:v0.9.1") in listed
    # the sidecar's registry falls back to a value the chart does not have: not rendered, no image guessed
    assert not [ref for _, _, ref in listed if "widget-sidecar" in ref]
