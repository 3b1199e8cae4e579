"""A chart version passed to a named template by position, in a `tuple` (`template "image" (tuple .Values.image
$.Chart.AppVersion)`), which the template reads with `index . 1` and gives an empty tag; `template` calls a named
template as `include` does."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  repository: ghcr.io/acme/db-operator
  pullPolicy: IfNotPresent
  tag: ""
webhook:
  image:
    repository: ghcr.io/acme/db-operator
    tag: ""
config:
  dbImage:
    repository: docker.io/library/mariadb
    tag: "11.8.8"
  exporterImage:
    repository: prom/mysqld-exporter
    tag: ""
"""

HELPERS = """\
{{- define "image" -}}
  {{- $defaultTag := index . 1 -}}
  {{- with index . 0 -}}
    {{- $tag := default $defaultTag .tag -}}
    {{- printf "%s" .repository }}
    {{- if .digest -}}
      {{ printf "@%s" .digest }}
    {{- else -}}
      {{ printf ":%s" $tag }}
    {{- end -}}
  {{- end }}
{{- end }}
"""

DEPLOYMENT = """\
containers:
  - image: "{{ template "image" (tuple .Values.image $.Chart.AppVersion) }}"
  - image: "{{ template "image" (tuple .Values.webhook.image $.Chart.AppVersion) }}"
env:
  RELATED_IMAGE_DB: "{{ template "image" (tuple .Values.config.dbImage "") }}"
  RELATED_IMAGE_EXPORTER: "{{ template "image" (tuple .Values.config.exporterImage "") }}"
"""


def _images(templates: str) -> list[tuple[str, int | None, str | None]]:
    found = helm_values_images(VALUES, "charts/db/values.yaml", app_version="26.6.0", templates=templates)
    return [(item.text, item.line, item.problem) for item in found]


def test_a_chart_version_passed_in_a_tuple_is_the_empty_tag() -> None:
    images = _images(HELPERS + DEPLOYMENT)
    assert ("ghcr.io/acme/db-operator:26.6.0", 2, None) in images
    assert ("ghcr.io/acme/db-operator:26.6.0", 7, None) in images
    assert ("docker.io/library/mariadb:11.8.8", 11, None) in images


def test_a_tuple_that_passes_no_chart_version_leaves_an_empty_tag_unresolved() -> None:
    exporter = [item for item in _images(HELPERS + DEPLOYMENT) if item[1] == 14]
    assert len(exporter) == 1 and exporter[0][0] == "prom/mysqld-exporter" and exporter[0][2] is not None


def test_without_the_version_in_the_tuple_the_tag_is_not_known() -> None:
    calls = DEPLOYMENT.replace(" $.Chart.AppVersion", ' ""')
    assert all(problem is not None for text, _, problem in _images(HELPERS + calls) if "db-operator" in text)
