"""A chart's empty image tag that defaults to its appVersion through a named template, and marketplace placeholders
the chart's values carry for a marketplace to replace (Azure's `global.azure.images`, Oracle's `oci_meta`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images
from tests.support.hang_guard import finishes

VALUES = """\
images:
  api:
    image:
      registry: ""
      repository: acme/ledger-api
      tag: ""
      digest: ""
  proxy:
    image:
      repository: acme/ledger-proxy
      tag: ""
  untouched:
    image:
      repository: acme/ledger-tools
      tag: ""
worker:
  image: {}
global:
  azure:
    enabled: false
    images:
      api:
        image: ledger-api
        tag: latest
        registry: docker.io/acme
oci_meta:
  enabled: false
  repo: acme
  images:
    api:
      image: ledger-api
      tag: latest
sidecar:
  image: busybox:1.37
"""

HELPERS = """\
{{/* Return the image; the tag falls back to the chart's appVersion. */}}
{{- define "ledger.image" -}}
{{- $registry := default .imageRoot.registry ((.global).imageRegistry) -}}
{{- $tag := .imageRoot.tag | toString -}}
{{- if not .imageRoot.tag }}
  {{- $tag = .chart.AppVersion | toString -}}
{{- end -}}
{{- if $registry }}{{ printf "%s/%s:%s" $registry .imageRoot.repository $tag }}
{{- else }}{{ printf "%s:%s" .imageRoot.repository $tag }}{{- end -}}
{{- end -}}

{{- define "ledger.api.image" -}}
{{ include "ledger.image" (dict "imageRoot" (merge .Values.worker.image .Values.images.api.image) "chart" .Chart) }}
{{- end -}}

{{- define "ledger.proxy.tag" -}}
{{- .Values.images.proxy.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{- define "ledger.tools.image" -}}
{{ printf "%s:%s" .Values.images.untouched.image.repository .Values.images.untouched.image.tag }}
{{- end -}}
"""


def _listed(templates: str) -> list[tuple[str, str | None]]:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="2.4.1", templates=templates)
    return [(item.text, item.problem) for item in found]


def test_an_empty_tag_defaults_to_app_version_through_named_templates() -> None:
    listed = _listed(HELPERS)
    assert ("acme/ledger-api:2.4.1", None) in listed
    assert ("acme/ledger-proxy:2.4.1", None) in listed
    (tools,) = [problem for text, problem in listed if text.startswith("acme/ledger-tools")]
    assert tools is not None and "helm template" in tools


def test_marketplace_placeholders_are_not_listed() -> None:
    listed = [text for text, _ in _listed(HELPERS)]
    assert not any("ledger-api:latest" in text or text.startswith("ledger-api") for text in listed)
    assert "busybox:1.37" in listed
    assert len(listed) == 4


def test_many_named_templates_never_closed_are_read_in_linear_time() -> None:
    # each `define` was read up to its own `{{ end }}` from its start, and so to the end of the text when never
    # closed (10,000 of them, each before an unclosed `if`: minutes); the templates are now read once for all
    # guarded at 40,000 (tests/support/hang_guard.py)
    hostile = '{{- define "x" -}}\n{{ if .a }}\n' * 40_000
    listed = finishes(_listed, HELPERS + hostile)
    assert ("acme/ledger-api:2.4.1", None) in listed
