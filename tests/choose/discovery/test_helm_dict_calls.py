"""A call of a one-line named template given a dict of the values and the top context (`{{ template "x.image"
(dict "image" .Values.images.broker "root" .) }}`), whose body reads them through the dict's keys (`.image.tag`,
`.root.Values.defaultTag`, `.root.Chart.AppVersion`) and falls back through a chain of defaults (`.image.tag |
default .root.Values.defaultTag | default .root.Chart.AppVersion`): the image that line renders."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
defaultImageRepository: docker.io/acme/stream-all
defaultImageTag:
images:
  broker:
    repository:
    tag:
    pullPolicy:
  console:
    repository: docker.io/acme/console
    tag: v0.4.0
  proxy:
    repository: docker.io/acme/stream-proxy
    tag:
"""
OVERRIDE = """\
defaultImageRepository: docker.io/acme/stream
defaultImageTag: 5.0.0-M1
"""
HELPERS = """\
{{/*
Image of a component, the chart's defaults standing in for what it leaves empty
*/}}
{{- define "stream.imageFullName" -}}
{{- printf "%s:%s" (.image.repository | default .root.Values.defaultImageRepository) """ + (
    """(.image.tag | default .root.Values.defaultImageTag | default .root.Chart.AppVersion) -}}
{{- end -}}
"""
)
BROKER = """\
      containers:
      - name: broker
        image: "{{ template "stream.imageFullName" (dict "image" .Values.images.broker "root" .) }}"
      - name: console
        image: "{{ template "stream.imageFullName" (dict "image" .Values.images.console "root" .) }}"
      - name: proxy
        image: "{{ include "stream.imageFullName" (dict "image" .Values.images.proxy "root" $) }}"
"""


def _listed(values: str, defaults: str | None = None) -> list[tuple[str, str | None, int | None]]:
    found = helm_values_images(
        values, "chart/values.yaml", app_version="4.0.12", templates=HELPERS + BROKER, defaults=defaults
    )
    return sorted((item.text, item.problem, item.line) for item in found)


def test_a_dict_call_of_a_named_template_renders_the_chain_of_defaults() -> None:
    listed = _listed(VALUES)
    assert ("docker.io/acme/stream-all:4.0.12", None, 1) in listed
    assert ("docker.io/acme/console:v0.4.0", None, 9) in listed
    assert ("docker.io/acme/stream-proxy:4.0.12", None, 12) in listed


def test_a_values_file_over_the_defaults_renders_its_own_tag_and_repository() -> None:
    listed = _listed(OVERRIDE, defaults=VALUES)
    assert ("docker.io/acme/stream:5.0.0-M1", None, 1) in listed


def test_a_key_the_call_does_not_pass_leaves_the_line_unrendered() -> None:
    other = BROKER.replace('"root" .', '"context" .')
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="4.0.12", templates=HELPERS + other)
    assert not [item for item in found if item.text.startswith("docker.io/acme/stream-all")]
