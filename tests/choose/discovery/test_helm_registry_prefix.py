"""A registry a chart's image line puts before an image mapping only when a value sets it: through a named template
(Rancher's `system_default_registry` helper, `{{- if .Values.global.cattle.systemDefaultRegistry -}}` `{{- printf
"%s/" ... -}}` `{{- else -}}` `{{- "" -}}` `{{- end -}}`), or an `if` on the line itself (`{{ if
.Values.global.dockerRegistryPrefix }}{{ trimSuffix "/" .Values.global.dockerRegistryPrefix }}/{{ end }}`). Helm
renders the mapping on that registry when the value is set, on Docker Hub when it is empty; the mapping's bare name
is not listed beside the rendered image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

HELPERS = """\
{{- define "system_default_registry" -}}
{{- if .Values.global.cattle.systemDefaultRegistry -}}
{{- printf "%s/" .Values.global.cattle.systemDefaultRegistry -}}
{{- else -}}
{{- "" -}}
{{- end -}}
{{- end -}}
"""

DEPLOYMENT = """\
containers:
- name: manager
  image: '{{ template "system_default_registry" . }}{{ .Values.image.repository }}:{{ .Values.image.tag }}'
- name: hook
  image: '{{ include "system_default_registry" . }}{{ .Values.hook.image.repository }}:{{ .Values.hook.image.tag }}'
"""

VALUES = """\
global:
  cattle:
    systemDefaultRegistry: {registry}
image:
  repository: acme/adm/controller
  tag: v1.2.0
hook:
  image:
    repository: acme/kubectl
    tag: v8.0.0
"""

INLINE = """\
containers:
- name: api
  image: {{ if .Values.global.dockerRegistryPrefix }}{{ trimSuffix "/" .Values.global.dockerRegistryPrefix \
}}/{{ end }}{{ .Values.api.image.repository }}:{{ .Values.api.image.tag }}
"""

INLINE_VALUES = """\
global:
  dockerRegistryPrefix: {registry}
api:
  image:
    repository: acme-api
    tag: 3.5.21
"""


def _images(values: str, templates: str) -> list[tuple[str, int | None]]:
    found = helm_values_images(values, "charts/acme/values.yaml", app_version="1.0.0", templates=templates)
    return sorted((item.text, item.line) for item in found)


def test_a_registry_helper_puts_the_set_registry_before_the_mapping() -> None:
    assert _images(VALUES.format(registry="ghcr.io"), HELPERS + DEPLOYMENT) == [
        ("ghcr.io/acme/adm/controller:v1.2.0", 5),
        ("ghcr.io/acme/kubectl:v8.0.0", 9),
    ]


def test_a_registry_helper_left_empty_renders_the_mapping_alone() -> None:
    assert _images(VALUES.format(registry='""'), HELPERS + DEPLOYMENT) == [
        ("acme/adm/controller:v1.2.0", 5),
        ("acme/kubectl:v8.0.0", 9),
    ]


def test_an_if_on_the_line_puts_the_set_registry_before_the_mapping() -> None:
    assert _images(INLINE_VALUES.format(registry="registry.acme.io/team/"), INLINE) == [
        ("registry.acme.io/team/acme-api:3.5.21", 5)
    ]
    assert _images(INLINE_VALUES.format(registry='""'), INLINE) == [("acme-api:3.5.21", 5)]


def test_a_registry_read_first_stands_for_the_mapping() -> None:
    values = "global:\n  dockerRepo: registry.acme.io:5000/ema/\n  job:\n    image:\n      repository: ema-job\n"
    values += "      tag: 1.1.1\n"
    templates = 'image: "{{ .Values.global.dockerRepo }}{{ .Values.global.job.image.repository }}:'
    templates += '{{ .Values.global.job.image.tag }}"\n'
    assert _images(values, templates) == [("registry.acme.io:5000/ema/ema-job:1.1.1", 5)]
