"""An image mapping whose `registry` is left empty and whose chart falls back to another key of the same mapping
(`registry: ~` beside `defaultRegistry: reg.acme.io`, rendered by `default (default .image.defaultRegistry
.globalRegistry) .image.registry`): the image is on that registry; without such a template, the key is no registry."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
global:
  image:
    registry: ~
controller:
  image:
    registry: ~
    defaultRegistry: reg.acme.io
    repository: acme/controller
    tag: ~
    pullPolicy: IfNotPresent
cleanup:
  image:
    registry: ghcr.io
    defaultRegistry: reg.acme.io
    repository: acme/cleanup
    tag: v1.2.0
"""

HELPERS = """\
{{- define "acme.image" -}}
{{- $tag := default .defaultTag .image.tag -}}
{{- $imageRegistry := default (default .image.defaultRegistry .globalRegistry) .image.registry -}}
{{- if $imageRegistry -}}
  {{- print $imageRegistry "/" .image.repository ":" $tag -}}
{{- else -}}
  {{- print .image.repository ":" $tag -}}
{{- end -}}
{{- end -}}
"""

DEPLOYMENT = """\
containers:
- name: controller
  image: {{ include "acme.image" (dict "globalRegistry" .Values.global.image.registry "image" .Values.controller.image \
"defaultTag" .Chart.AppVersion) | quote }}
- name: cleanup
  image: {{ include "acme.image" (dict "image" .Values.cleanup.image "defaultTag" .Chart.AppVersion) | quote }}
"""


def _images(templates: str) -> list[tuple[str, int | None]]:
    found = helm_values_images(VALUES, "charts/acme/values.yaml", app_version="v1.3.0", templates=templates)
    return sorted((item.text, item.line) for item in found)


def test_an_empty_registry_is_the_default_registry_the_templates_fall_back_to() -> None:
    assert _images(HELPERS + DEPLOYMENT) == [
        ("ghcr.io/acme/cleanup:v1.2.0", 15),
        ("reg.acme.io/acme/controller:v1.3.0", 8),
    ]


def test_without_such_a_template_the_default_registry_key_is_not_read() -> None:
    plain = DEPLOYMENT.replace('include "acme.image"', "printf")
    helpers = '{{- define "acme.image" -}}{{ .image.repository }}:{{ .image.tag | default .defaultTag }}{{- end -}}\n'
    assert _images(helpers + plain) == [
        ("acme/controller", 8),
        ("ghcr.io/acme/cleanup:v1.2.0", 15),
    ]
