"""An empty image tag defaulted to appVersion by a template that reaches the values through a variable holding the
top context (`$global.Values`, `$.Values`, `$root.Chart`), as templates inside `range` write it, or through `tpl`
(`tpl .Values.image.tag . | default .Chart.AppVersion`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  repository: quay.io/acme/disk-exporter
  tag: ""
server:
  image:
    repository: quay.io/acme/metrics-server
    tag: ""
"""


def _listed(templates: str) -> list[tuple[str, str | None]]:
    found = helm_values_images(
        VALUES, "chart/values.yaml", app_version="v2.7.1", chart_version="4.0.0", templates=templates
    )
    return [(item.text, item.problem) for item in found]


def test_a_tag_read_through_a_variable_holding_the_top_context_defaults_to_app_version() -> None:
    daemonset = """\
{{- $global := . }}
{{- range $name, $disks := .Values.groups }}
      containers:
      - image: "{{ $global.Values.image.repository }}:{{ $global.Values.image.tag | default $global.Chart.AppVersion }}"
{{- end }}
"""
    assert ("quay.io/acme/disk-exporter:v2.7.1", None) in _listed(daemonset)


def test_a_tag_passed_through_tpl_defaults_to_app_version() -> None:
    deployment = (
        '          image: "{{ tpl .Values.server.image.repository . }}:'
        "{{ tpl .Values.server.image.tag . | default .Chart.AppVersion}}"
        '{{ if .Values.server.image.distroless }}-distroless{{ end }}"\n'
    )
    assert ("quay.io/acme/metrics-server:v2.7.1", None) in _listed(deployment)
