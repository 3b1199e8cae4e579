"""A chart template's `image:` line that includes a named template given the top context (`{{ include
"x.image.fullname.tools" . }}`), whose body is one line of values lookups: rendered as that line."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  registry: acme
  tag: latest
  pullPolicy: IfNotPresent
  tools: ledger-tools
  api: ledger-api
  loader: ledger-loader
"""

TEMPLATES = """\
{{/* Create default docker images' fullname. */}}
{{- define "ledger.image.fullname.tools" -}}
{{- .Values.image.registry }}/{{ .Values.image.tools }}:{{ .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}
{{- define "ledger.image.fullname.api" -}}
{{ .Values.image.registry }}/{{ .Values.image.api }}:{{ .Values.image.tag }}
{{- end -}}
{{- define "ledger.image.fullname.loader" -}}
{{- if .Values.image.registry }}{{ .Values.image.registry }}/{{ end }}{{ .Values.image.loader }}
{{- end -}}
---
apiVersion: batch/v1
kind: Job
spec:
  template:
    spec:
      containers:
        - name: schema
          image: {{ include "ledger.image.fullname.tools" . }}
        - name: api
          image: {{ template "ledger.image.fullname.api" $ }}
        - name: loader
          image: {{ include "ledger.image.fullname.loader" . }}
        - name: other
          image: {{ include "ledger.image.fullname.api" .Values.other }}
"""


def test_an_included_one_line_template_is_rendered_with_the_values() -> None:
    found = helm_values_images(VALUES, "values.yaml", app_version="3.2.0", templates=TEMPLATES)
    texts = sorted((item.text, item.line, item.problem) for item in found)
    assert ("acme/ledger-tools:latest", 2, None) in texts
    assert ("acme/ledger-api:latest", 2, None) in texts
    # a body with an `if` on a value: the branch the values take (helm_line_ifs.py), the registry set
    assert [text for text, _, _ in texts if "loader" in text] == ["acme/ledger-loader"]
    assert len([text for text, _, _ in texts if text == "acme/ledger-api:latest"]) == 1
