"""A chart version passed to a named template under a key of its own (`include "x.image" (dict "chartAppVersion"
.Chart.AppVersion "image" .Values.image)`), which the template gives an empty tag (`.image.tag | default
.chartAppVersion`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
global:
  repository: ""
image:
  repository: ghcr.io/acme/secrets-operator
  pullPolicy: IfNotPresent
  tag: ""
  flavour: ""
webhook:
  image:
    repository: ghcr.io/acme/secrets-operator
    tag: ""
    flavour: ""
audit:
  image:
    repository: ghcr.io/acme/audit
    tag: ""
"""

HELPERS = """\
{{- define "ops.image" -}}
{{- $repository := "" -}}
{{- if .context.Values.global.repository -}}
{{- $repository = .context.Values.global.repository -}}
{{- else -}}
{{- $repository = .image.repository -}}
{{- end -}}
{{- if .image.flavour -}}
{{ printf "%s:%s-%s" $repository (.image.tag | default .chartAppVersion) .image.flavour }}
{{- else }}
{{ printf "%s:%s" $repository (.image.tag | default .chartAppVersion) }}
{{- end }}
{{- end }}

{{- define "ops.audit.image" -}}
{{ printf "%s:%s-audit" .image.repository (.image.tag | default .version) }}
{{- end }}
"""

DEPLOYMENTS = """\
containers:
- name: operator
  image: {{ include "ops.image" (dict "chartAppVersion" .Chart.AppVersion "image" .Values.image "context" .) }}
- name: webhook
  image: {{ include "ops.image" (dict "chartAppVersion" .Chart.AppVersion "image" .Values.webhook.image) | trim }}
- name: audit
  image: {{ include "ops.audit.image" (dict "version" (printf "%s-x" .Chart.AppVersion) "image" .Values.audit.image) }}
"""


def _images(templates: str) -> list[tuple[str, int | None, str | None]]:
    found = helm_values_images(VALUES, "charts/ops/values.yaml", app_version="v2.9.0", templates=templates)
    return [(item.text, item.line, item.problem) for item in found]


def test_a_chart_version_passed_under_a_key_of_its_own_is_the_empty_tag() -> None:
    images = _images(HELPERS + DEPLOYMENTS)
    assert ("ghcr.io/acme/secrets-operator:v2.9.0", 4, None) in images
    assert ("ghcr.io/acme/secrets-operator:v2.9.0", 10, None) in images


def test_a_key_given_something_other_than_the_chart_version_as_it_is_leaves_the_tag_unresolved() -> None:
    audit = [item for item in _images(HELPERS + DEPLOYMENTS) if item[1] == 15]
    assert len(audit) == 1 and audit[0][0] == "ghcr.io/acme/audit" and audit[0][2] is not None


def test_without_the_call_passing_the_version_the_key_is_not_known() -> None:
    calls = DEPLOYMENTS.replace('"chartAppVersion" .Chart.AppVersion ', "")
    assert all(problem is not None for _, _, problem in _images(HELPERS + calls))
