"""A template that keeps the chart's version in a variable (`{{- $appVersion := .Chart.AppVersion -}}` at its top)
and gives an empty tag that variable (`.Values.image.tag | default $appVersion`, also inside `with`): the tag is
the chart's version, as if written in place."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  repository: docker.io/acme/operator
  pullPolicy: IfNotPresent
  tag: ""
agent:
  image:
    repository: docker.io/acme/agent
    tag: ""
exporter:
  image:
    repository: docker.io/prom/mysqld-exporter
    tag: "v0.15.1"
"""
STATEFULSET = """\
{{- $appVersion := .Chart.AppVersion -}}
apiVersion: apps/v1
kind: StatefulSet
spec:
  template:
    spec:
      containers:
        - name: operator
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default $appVersion }}"
          args:
            {{- with .Values.agent }}
            - --agent-image={{ .image.repository }}:{{ .image.tag | default $appVersion }}
            {{- end }}
            {{- with .Values.exporter }}
            - --exporter-image={{ .image.repository }}:{{ .image.tag }}
            {{- end }}
"""


def _listed(templates: str) -> list[tuple[str, str | None]]:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="1.2.0", templates=templates)
    return sorted((item.text, item.problem) for item in found)


def test_an_empty_tag_given_a_variable_holding_the_chart_version_is_that_version() -> None:
    assert _listed(STATEFULSET) == [
        ("docker.io/acme/agent:1.2.0", None),
        ("docker.io/acme/operator:1.2.0", None),
        ("docker.io/prom/mysqld-exporter:v0.15.1", None),
    ]


def test_a_variable_holding_the_version_with_a_prefix_gives_it_with_the_prefix() -> None:
    prefixed = STATEFULSET.replace(".Chart.AppVersion -}}", '(printf "v%s" .Chart.AppVersion) -}}')
    assert [text for text, _ in _listed(prefixed)][:2] == [
        "docker.io/acme/agent:v1.2.0",
        "docker.io/acme/operator:v1.2.0",
    ]


def test_a_variable_holding_something_else_leaves_the_tag_unresolved() -> None:
    other = STATEFULSET.replace(".Chart.AppVersion -}}", '(include "acme.version" .) -}}')
    listed = dict(_listed(other))
    assert listed["docker.io/acme/operator"] is not None
    assert listed["docker.io/acme/agent"] is not None
