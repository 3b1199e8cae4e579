"""Helm renders a chart's `templates/` (https://helm.sh/docs/topics/charts/#templates-and-values: "All template files
are stored in a chart's templates/ folder"); a file with template markup elsewhere in the chart's directory
(`tests/test-connection.yaml` beside `templates/`) is never rendered nor applied: its literal `image:` lines are not
read. bcgov/healthgateway's redis chart keeps its `helm.sh/hook: test` pod there, `image: busybox` (set ZZZX, 1
extra). A template outside any chart is still read for its literal lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

POD = """\
{{- $name := printf "%s-%s" $.Release.Name "redis" -}}
apiVersion: v1
kind: Pod
metadata:
  name: {{ $name }}-test-connection
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox
      args: ['{{ $name }}-svc']
"""


def test_a_chart_file_outside_templates_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "charts/redis/Chart.yaml": "apiVersion: v2\nname: redis\nversion: 1.0.0\n",
            "charts/redis/values.yaml": "image: redis:7.2\n",
            "charts/redis/templates/statefulset.yaml": POD.replace("busybox", "{{ .Values.image }}"),
            "charts/redis/tests/test-connection.yaml": POD,
            "k8s/check.yaml": POD.replace("busybox", "alpine:3.20"),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["reference"]) for r in records if r["reference"]) == [
        ("charts/redis/values.yaml", "redis:7.2"),
        ("k8s/check.yaml", "alpine:3.20"),
    ]
