"""A chart whose named templates write each image over several lines, trimmed to one by `{{-` and `-}}`, the
repository a literal default and the tag the chart's appVersion or a literal when the values leave them out
(`{{- default "acme/relay" .Values.images.relay.repository -}}` / `:` / `{{- default .Chart.AppVersion
.Values.images.relay.tag -}}`), the values only commenting them: the images at the template's line; where a values
file sets the repository or the tag, at the line of the values file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

HELPERS = """\
{{/* The images, their tags the chart's appVersion unless set. */}}
{{- define "relay.image" -}}
{{- default "acme/relay" .Values.images.relay.repository -}}
:
{{- default .Chart.AppVersion .Values.images.relay.tag -}}
{{- end -}}

{{- define "worker.image" -}}
{{- default "acme/worker" .Values.images.worker.repository -}}
:
{{- default .Chart.AppVersion .Values.images.worker.tag -}}
{{- end -}}

{{- define "dbCheck.image" -}}
{{- default "acme/netcheck" .Values.hooks.dbCheck.image.repository -}}
:
{{- default "latest" .Values.hooks.dbCheck.image.tag -}}
{{- end -}}

{{- define "untrimmed.image" -}}
{{ default "acme/untrimmed" .Values.images.untrimmed.repository }}
:
{{ default .Chart.AppVersion .Values.images.untrimmed.tag }}
{{- end -}}
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  labels: {app: relay}
  name: {{ .Release.Name }}-relay
spec:
  template:
    spec:
      containers:
        - name: relay
          image: "{{ template "relay.image" . }}"
        - name: worker
          image: "{{ template "worker.image" . }}"
        - name: untrimmed
          image: "{{ template "untrimmed.image" . }}"
"""

HOOK = """\
apiVersion: batch/v1
kind: Job
spec:
  template:
    spec:
      initContainers:
        - name: db-check
          image: {{ template "dbCheck.image" . }}
"""

VALUES = """\
images:
  relay:
    # repository: acme/relay
    # tag: Chart.AppVersion
    imagePullSecrets: []
  worker:
    repository: ghcr.io/acme/worker
  untrimmed: {}
hooks:
  dbCheck:
    image:
      # repository: acme/netcheck
      imagePullSecrets: []
"""

TREE = {
    "charts/relay/Chart.yaml": "apiVersion: v2\nname: relay\nversion: 25.2.0\nappVersion: 24.9.0\n",
    "charts/relay/values.yaml": VALUES,
    "charts/relay/templates/_helper.tpl": HELPERS,
    "charts/relay/templates/deployment.yaml": DEPLOYMENT,
    "charts/relay/templates/hooks/db-check.yaml": HOOK,
}


def test_images_of_multi_line_helpers_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public")
    assert listed == [
        ("acme/netcheck:latest", "charts/relay/templates/hooks/db-check.yaml", 8),
        ("acme/relay:24.9.0", "charts/relay/templates/deployment.yaml", 11),
        ("ghcr.io/acme/worker:24.9.0", "charts/relay/values.yaml", 7),
    ]
    assert not any("untrimmed" in (r["written"] or "") for r in records)  # newlines kept: not one name
