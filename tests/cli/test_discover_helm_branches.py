"""`ecr-mirror discover` on a chart whose templates choose an image line by a value (gatekeeper's CRD upgrade hook:
`{{- if not .Values.image.release }} image: '{{ .Values.image.crdRepository }}' {{- else }} image: '{{
.Values.image.crdRepository }}:{{ .Values.image.release }}' {{- end }}`): the branch the values do not take renders
nothing, so the bare repository is not listed as `:latest`; a lone `if` the values do not take (an option turned
off) renders its image only for a team that turns it on: `optional`, listed with `--with-optional`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

HOOK = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: crds-upgrade
spec:
  template:
    spec:
      containers:
      - name: crds-upgrade
        {{- if not .Values.image.release }}
        image: '{{ .Values.image.crdRepository }}'
        {{- else }}
        image: '{{ .Values.image.crdRepository }}:{{ .Values.image.release }}'
        {{- end }}
      {{- if .Values.probe.enabled }}
      - name: probe
        image: '{{ .Values.probe.repository }}:{{ .Values.probe.version }}'
      {{- else if .Values.probe.legacy }}
      - name: legacy-probe
        image: '{{ .Values.probe.legacyRepository }}:{{ .Values.probe.version }}'
      {{- end }}
      {{- if .Values.metrics.enabled }}
      - name: metrics
        image: '{{ .Values.metrics.name }}:{{ .Values.metrics.version }}'
      {{- end }}
      {{- with .Values.sidecar }}
      - name: sidecar
        image: '{{ $.Values.sidecar.name }}:{{ $.Values.sidecar.version }}'
      {{- end }}
"""

VALUES = """\
image:
  crdRepository: acme/gate-crds
  release: v1.2.0
probe:
  enabled: false
  legacy: true
  repository: curlimages/curl
  legacyRepository: busybox
  version: "1.37"
metrics:
  enabled: false
  name: acme/metrics
  version: "0.9"
sidecar:
  name: acme/sidecar
  version: "2.0"
"""


def test_the_branch_the_values_do_not_take_renders_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "charts/gate/Chart.yaml": "apiVersion: v2\nname: gate\nversion: 1.2.0\nappVersion: v1.2.0\n",
            "charts/gate/values.yaml": VALUES,
            "charts/gate/templates/upgrade-crds-hook.yaml": HOOK,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    records = json.loads(out)
    listed = {(r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert listed == {
        (2, "acme/gate-crds:v1.2.0"),
        (8, "busybox:1.37"),
        (15, "acme/sidecar:2.0"),
    }
    assert {(r["line"], r["reference"]) for r in records if r["status"] == "optional"} == {(12, "acme/metrics:0.9")}
