"""A named template that binds the dict it passes on to a variable (`{{- $dict := dict "service"
.Values.canary.image "defaultVersion" .Chart.AppVersion -}}` then `{{- include "app.baseImage" $dict -}}`): the
variable is that dict where the template reads it (https://pkg.go.dev/text/template#hdr-Variables), so the chart
version it carries is what the base template gives an empty tag."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
global:
  registry: null
server:
  image:
    registry: docker.io
    repository: acme/log-server
    tag: 4.1.0
canary:
  image:
    registry: docker.io
    repository: acme/log-canary
    tag: null
    digest: null
enterprise:
  version: v2.0.1
  image:
    registry: docker.io
    repository: acme/log-enterprise
    tag: null
"""

HELPERS = """\
{{- define "app.baseImage" }}
{{- $registry := .global.registry | default .service.registry | default "" -}}
{{- $ref := printf ":%s" (.service.tag | default .defaultVersion | toString) -}}
{{- printf "%s/%s%s" $registry .service.repository $ref -}}
{{- end -}}

{{- define "app.serverImage" -}}
{{- $dict := dict "service" .Values.server.image "global" .Values.global "defaultVersion" .Chart.AppVersion -}}
{{- include "app.baseImage" $dict -}}
{{- end -}}

{{- define "app.canaryImage" -}}
{{- $dict := dict "service" .Values.canary.image "global" .Values.global "defaultVersion" .Chart.AppVersion -}}
{{- include "app.baseImage" $dict -}}
{{- end -}}

{{- define "app.enterpriseImage" -}}
{{- $dict := dict "service" .Values.enterprise.image "defaultVersion" .Values.enterprise.version -}}
{{- include "app.baseImage" $dict -}}
{{- end -}}
"""


def _images(templates: str) -> dict[int | None, tuple[str, str | None]]:
    found = helm_values_images(VALUES, "charts/app/values.yaml", app_version="4.1.2", templates=templates)
    return {item.line: (item.text, item.problem) for item in found}


def test_a_dict_bound_to_a_variable_passes_the_chart_version_to_the_base_template() -> None:
    images = _images(HELPERS)
    assert images[6] == ("docker.io/acme/log-server:4.1.0", None)
    assert images[11] == ("docker.io/acme/log-canary:4.1.2", None)
    assert images[18][1] is not None  # the enterprise image's default is a value, not the chart's version


def test_each_template_s_variable_is_its_own_dict() -> None:
    # the canary's template no longer passes a version: another template's `$dict` is not its dict
    passed = '.Values.canary.image "global" .Values.global "defaultVersion" .Chart.AppVersion'
    canary = HELPERS.replace(passed, ".Values.canary.image")
    assert _images(canary)[11][1] is not None
