"""A named template that reaches the values through a variable bound to them (`{{- $values := $dot.Values.AsMap -}}`,
the form gotohelm writes its generated templates in, or `$values := .Values`) and gives an empty tag the chart's
version (`default $dot.Chart.AppVersion $values.image.tag`): the tag is that version, read as `.Values.image.tag`;
a variable of the same name bound to something else in another named template is not read so."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  repository: docker.io/acme/bridge
  tag: ""
  pullPolicy: IfNotPresent
sidecar:
  image:
    repository: docker.io/acme/sidecar
    tag: ""
"""
HELPERS = """\
{{- define "bridge.Tag" -}}
{{- $dot := (index .a 0) -}}
{{- range $_ := (list 1) -}}
{{- $values := $dot.Values.AsMap -}}
{{- $tag := (default $dot.Chart.AppVersion $values.image.tag) -}}
{{- (dict "r" $tag) | toJson -}}
{{- break -}}
{{- end -}}
{{- end -}}

{{- define "bridge.env" -}}
{{- $values := (index .a 0) -}}
{{- $version := (default "9.9.9" $values.sidecar.image.tag) -}}
{{- (dict "r" (list (dict "name" "VERSION" "value" $version))) | toJson -}}
{{- end -}}
"""


def _listed(templates: str) -> list[tuple[str, str | None]]:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="v1.0.31", templates=templates)
    return sorted((item.text, item.problem) for item in found)


def test_an_empty_tag_defaulted_through_a_variable_bound_to_the_values_is_the_chart_version() -> None:
    listed = _listed(HELPERS)
    assert ("docker.io/acme/bridge:v1.0.31", None) in listed


def test_a_variable_of_the_same_name_bound_to_something_else_is_not_read_as_the_values() -> None:
    listed = dict(_listed(HELPERS))
    assert "docker.io/acme/sidecar:9.9.9" not in listed
    assert listed.get("docker.io/acme/sidecar") is not None  # unresolved, as before


def test_a_variable_bound_to_the_top_values_reads_them() -> None:
    deployment = """\
{{- $values := .Values -}}
      containers:
        - image: "{{ $values.image.repository }}:{{ $values.image.tag | default .Chart.AppVersion }}"
"""
    assert ("docker.io/acme/bridge:v1.0.31", None) in _listed(deployment)
