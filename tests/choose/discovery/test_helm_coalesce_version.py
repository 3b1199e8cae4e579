"""A chart version a template gives an empty tag as the last argument of `coalesce` (Helm's function list: "takes a
list of values and returns the first non-empty one"): `coalesce .component.tag .app.tag .defaultVersion`, with the
version passed in a dict bound to a variable (`$dict := dict ... "defaultVersion" .Chart.AppVersion`), or
`coalesce .Values.image.tag .Chart.AppVersion` in a manifest."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
global:
  image:
    registry: null
app:
  image:
    registry: docker.io
    repository: acme/traces
    tag: null
querier:
  extra:
    image:
      registry: null
      repository: acme/traces-query
      tag: null
exporter:
  image:
    repository: acme/exporter
    tag: ""
pinned:
  image:
    repository: acme/pinned
    tag: null
"""

HELPERS = """\
{{- define "app.image" -}}
{{- $registry := coalesce .global.registry .component.registry .app.registry -}}
{{- $repository := coalesce .component.repository .app.repository -}}
{{- $tag := coalesce .component.tag .app.tag .defaultVersion | toString -}}
{{- printf "%s/%s:%s" $registry $repository $tag -}}
{{- end -}}

{{- define "app.querierImage" -}}
{{- $dict := dict "app" .Values.app.image "component" .Values.querier.extra.image "defaultVersion" .Chart.AppVersion -}}
{{- include "app.image" $dict -}}
{{- end -}}
"""

EXPORTER = """\
      containers:
        - name: exporter
          image: "{{ .Values.exporter.image.repository }}:{{ coalesce .Values.exporter.image.tag .Chart.AppVersion }}"
        - name: pinned
          image: "{{ .Values.pinned.image.repository }}:{{ coalesce .Values.pinned.image.tag .Values.pinnedTag }}"
"""


def _images(templates: str) -> dict[int | None, tuple[str, str | None]]:
    found = helm_values_images(VALUES, "charts/app/values.yaml", app_version="2.9.0", templates=templates)
    return {item.line: (item.text, item.problem) for item in found}


def test_the_chart_version_last_in_coalesce_is_the_empty_tag_of_the_images_passed() -> None:
    images = _images(HELPERS + EXPORTER)
    assert images[7] == ("docker.io/acme/traces:2.9.0", None)
    assert images[13] == ("acme/traces-query:2.9.0", None)
    assert images[17] == ("acme/exporter:2.9.0", None)


def test_coalesce_ending_in_something_else_leaves_the_tag_unresolved() -> None:
    images = _images(HELPERS + EXPORTER)
    assert images[21][1] is not None
    without = HELPERS.replace(" .defaultVersion |", " |")
    assert _images(without)[7][1] is not None
