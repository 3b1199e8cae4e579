"""`ecr-mirror discover` on a chart whose templates choose how to join an image by the shape of a value, with sprig's
`hasPrefix` (https://masterminds.github.io/sprig/strings.html): a CSI driver's sidecars are written either as a path
(`repository: /csi-provisioner`) that the line joins to `image.baseRepo`, or as a whole reference naming its registry
(`repository: registry.k8s.io/sig-storage/csi-resizer`) that the `else` line renders alone. Each repository renders
only through the branch its value takes: the registry is not written twice (`registry.k8s.io/sig-
storageregistry.k8s.io/...`), and a whole reference is not joined to the base."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONTROLLER = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: csi-nfs-controller
spec:
  template:
    spec:
      containers:
      - name: csi-provisioner
{{- if hasPrefix "/" .Values.image.csiProv.repository }}
        image: "{{ .Values.image.baseRepo }}{{ .Values.image.csiProv.repository }}:{{ .Values.image.csiProv.tag }}"
{{- else }}
        image: "{{ .Values.image.csiProv.repository }}:{{ .Values.image.csiProv.tag }}"
{{- end }}
      - name: csi-resizer
{{- if hasPrefix "/" .Values.image.resizer.repository }}
        image: "{{ .Values.image.baseRepo }}{{ .Values.image.resizer.repository }}:{{ .Values.image.resizer.tag }}"
{{- else }}
        image: "{{ .Values.image.resizer.repository }}:{{ .Values.image.resizer.tag }}"
{{- end }}
"""

VALUES = """\
image:
  baseRepo: registry.k8s.io/sig-storage
  csiProv:
    repository: /csi-provisioner
    tag: v5.2.0
    pullPolicy: IfNotPresent
  resizer:
    repository: registry.k8s.io/sig-storage/csi-resizer
    tag: v1.13.2
    pullPolicy: IfNotPresent
"""


def test_a_has_prefix_branch_is_decided_by_the_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "charts/csi-driver-nfs/Chart.yaml": "apiVersion: v2\nname: csi-driver-nfs\nversion: 4.11.0\n",
            "charts/csi-driver-nfs/values.yaml": VALUES,
            "charts/csi-driver-nfs/templates/csi-nfs-controller.yaml": CONTROLLER,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {r["reference"] for r in records if r["status"] == "public"}
    assert listed == {
        "registry.k8s.io/sig-storage/csi-provisioner:v5.2.0",
        "registry.k8s.io/sig-storage/csi-resizer:v1.13.2",
    }
