"""`ecr-mirror discover` on the containers a chart's values write as a block of YAML text, which the chart renders
with `tpl` (`customSidecarContainers: |`): the image of each, in a chart's `values.yaml` and in a values file kept
for a chart outside the tree; a block under a key of another name (a config file's text) is not read so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

OUTSIDE = """\
artifactory:
  customSidecarContainers: |
    - name: artifactory-fluent-bit
      image: "fluent/fluent-bit:2.1.2"
      volumeMounts:
      - mountPath: /var/opt/jfrog/artifactory
        name: artifactory-volume
  configMaps: |
    fluent-bit.conf: |-
      image: not/an-image:1.0
"""

CHART_VALUES = """\
image:
  repository: ghcr.io/acme/gateway
  tag: 1.4.0
extraInitContainers: |
  - name: wait-for-db
    image: busybox:1.37.0
    command: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done']
"""

DEPLOYMENT = """\
spec:
  template:
    spec:
      initContainers:
        {{- tpl .Values.extraInitContainers . | nindent 8 }}
      containers:
        - image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
"""


def test_a_block_of_containers_in_values_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "examples/logging/values-logging-fluent-bit.yaml": OUTSIDE,
            "charts/gateway/Chart.yaml": "apiVersion: v2\nname: gateway\nversion: 1.4.0\n",
            "charts/gateway/values.yaml": CHART_VALUES,
            "charts/gateway/templates/deployment.yaml": DEPLOYMENT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert listed == {
        ("examples/logging/values-logging-fluent-bit.yaml", 4, "fluent/fluent-bit:2.1.2"),
        ("charts/gateway/values.yaml", 2, "ghcr.io/acme/gateway:1.4.0"),
        ("charts/gateway/values.yaml", 6, "busybox:1.37.0"),
    }
