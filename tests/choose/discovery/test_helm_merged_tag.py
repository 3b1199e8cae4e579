"""A named template that merges the image's values with a dict holding the chart's version as the tag (`merge
.imageRoot (dict "tag" .context.Chart.AppVersion)`, or `mergeOverwrite (dict "tag" ...) .imageRoot`): Sprig's merge
fills the empty values of its destination, so an empty `tag` becomes the chart's version."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
global:
  imageRegistry: ""
collector:
  image:
    registry: ""
    repository: acme/trace-collector
    tag: ""
    digest: ""
    pullPolicy: IfNotPresent
pruner:
  enabled: false
  image:
    registry: ""
    repository: acme/trace-pruner
    tag: ""
    pullPolicy: IfNotPresent
archiver:
  image:
    repository: acme/trace-archiver
    tag: "1.0.3"
    pullPolicy: IfNotPresent
"""

HELPERS = """\
{{/* ( dict "imageRoot" .Values.path.to.image "context" $ ) */}}
{{- define "trace.renderImage" -}}
{{- $image := merge .imageRoot (dict "tag" .context.Chart.AppVersion) -}}
{{- include "common.images.image" (dict "imageRoot" $image "global" .context.Values.global) -}}
{{- end -}}

{{- define "trace.collector.image" -}}
{{- include "trace.renderImage" ( dict "imageRoot" .Values.collector.image "context" $ ) -}}
{{- end -}}

{{- define "trace.pruner.image" -}}
{{- $image := mergeOverwrite (dict "tag" $.Chart.Version) .Values.pruner.image -}}
{{- include "common.images.image" (dict "imageRoot" $image "global" .Values.global) -}}
{{- end -}}

{{- define "trace.archiver.image" -}}
{{- include "trace.renderImage" ( dict "imageRoot" .Values.archiver.image "context" $ ) -}}
{{- end -}}
"""

DEPLOYMENTS = """\
containers:
- name: collector
  image: {{ include "trace.collector.image" . }}
- name: pruner
  image: {{ include "trace.pruner.image" . }}
- name: archiver
  image: {{ include "trace.archiver.image" . }}
"""


def test_an_empty_tag_merged_with_the_chart_version_is_that_version() -> None:
    found = helm_values_images(
        VALUES, "values.yaml", app_version="2.19.0", chart_version="4.11.1", templates=HELPERS + DEPLOYMENTS
    )
    assert sorted((item.text, item.line, item.problem) for item in found) == [
        ("acme/trace-archiver:1.0.3", 19, None),
        ("acme/trace-collector:2.19.0", 6, None),
        ("acme/trace-pruner:4.11.1", 14, None),
    ]


def test_a_merge_that_gives_the_tag_something_else_leaves_it_unresolved() -> None:
    helpers = HELPERS.replace('(dict "tag" .context.Chart.AppVersion)', '(dict "tag" .context.Values.defaultTag)')
    found = helm_values_images(VALUES, "values.yaml", app_version="2.19.0", templates=helpers + DEPLOYMENTS)
    collector = [item for item in found if item.text.startswith("acme/trace-collector")]
    assert [(item.text, item.problem is not None) for item in collector] == [("acme/trace-collector", True)]


def test_an_image_merged_with_the_chart_version_where_a_line_includes_its_template() -> None:
    # the merge written in the call: `include "x.image" (merge .Values.image (dict "tag" .Chart.AppVersion))`, the
    # named template joining `.repository` and `.tag` with calls of its own
    values = "image:\n  repository: ghcr.io/acme/log-aggregator\n  tag:\n  digest:\n  pullPolicy: IfNotPresent\n"
    templates = (
        '{{- define "agg.image" -}}\n{{- $tag := ternary (printf ":%s" .tag) "" (ne .tag "-") }}\n'
        '{{- printf "%s%s" .repository $tag }}\n{{- end }}\n'
        "containers:\n  - name: aggregator\n"
        '    image: {{ include "agg.image" (merge .Values.image (dict "tag" .Chart.AppVersion)) }}\n'
    )
    found = helm_values_images(values, "values.yaml", app_version="2.1.0", templates=templates)
    assert [(item.text, item.line, item.problem) for item in found] == [("ghcr.io/acme/log-aggregator:2.1.0", 2, None)]
