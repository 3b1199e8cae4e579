"""An image mapping whose `registry` is left empty where the chart's template line falls back to a literal registry
(`{{ .Values.image.registry | default "quay.io" }}/{{ .Values.image.repository }}:...`), also through `tpl` (`tpl
.Values.image.registry $ | default (tpl .Values.global.imageRegistry $) | default "quay.io"`): the image is on that
registry, not on Docker Hub as the mapping alone would say."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
global:
  imageRegistry: ""
image:
  registry: ""
  repository: acme/auth-proxy
  tag: ""
exporter:
  image:
    registry: ""
    repository: acme/exporter
    tag: 0.9.1
pinned:
  image:
    registry: registry.acme.io
    repository: acme/pinned
    tag: 1.0.0
"""

HELPERS = """\
{{- define "acme.version" -}}
{{ .Values.image.tag | default (printf "v%s" .Chart.AppVersion) }}
{{- end -}}
"""

DEPLOYMENT = """\
containers:
- name: proxy
  image: "{{ tpl .Values.image.registry $ | default (tpl .Values.global.imageRegistry $) | default "quay.io" }}/\
{{ .Values.image.repository }}:{{ include "acme.version" . }}"
- name: exporter
  image: "{{ .Values.exporter.image.registry | default "ghcr.io" }}/{{ .Values.exporter.image.repository }}:\
{{ .Values.exporter.image.tag }}"
- name: pinned
  image: "{{ .Values.pinned.image.registry | default "ghcr.io" }}/{{ .Values.pinned.image.repository }}:\
{{ .Values.pinned.image.tag }}"
"""


def _images(values: str, templates: str) -> set[str]:
    found = helm_values_images(values, "charts/acme/values.yaml", app_version="2.4.0", templates=templates)
    return {item.text for item in found if item.problem is None}


def test_an_empty_registry_is_the_literal_the_template_line_falls_back_to() -> None:
    assert _images(VALUES, HELPERS + DEPLOYMENT) == {
        "ghcr.io/acme/exporter:0.9.1",
        "quay.io/acme/auth-proxy:v2.4.0",
        "registry.acme.io/acme/pinned:1.0.0",
    }


def test_a_registry_set_in_the_values_wins() -> None:
    values = VALUES.replace('registry: ""\n  repository: acme/a', "registry: mirror.acme.io\n  repository: acme/a")
    assert "mirror.acme.io/acme/auth-proxy:v2.4.0" in _images(values, HELPERS + DEPLOYMENT)


def test_a_global_registry_set_in_the_values_wins_over_the_literal() -> None:
    values = VALUES.replace('imageRegistry: ""', "imageRegistry: mirror.acme.io")
    assert "mirror.acme.io/acme/auth-proxy:v2.4.0" in _images(values, HELPERS + DEPLOYMENT)


def test_without_a_template_line_the_mapping_is_read_as_written() -> None:
    assert "acme/exporter:0.9.1" in _images(VALUES, "")


def test_another_line_rendering_the_name_without_a_registry_keeps_it() -> None:
    hook = """\
- name: check
  image: "{{ .Values.exporter.image.repository }}:{{ .Values.exporter.image.tag }}"
"""
    images = _images(VALUES, HELPERS + DEPLOYMENT + hook)
    assert {"ghcr.io/acme/exporter:0.9.1", "acme/exporter:0.9.1"} <= images
