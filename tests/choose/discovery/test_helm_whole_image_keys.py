"""A key of an image's values that a named template prints alone, as the whole image, when it is set (`{{- if
.unifiedRepoTag }}` / `{{- .unifiedRepoTag }}` / `{{- else if .repository }}` / `{{- .repository }}:{{ .tag }}`,
given the image's values by `include "gw.getRepoTag" .Values.image`): its value is the image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

DEFAULTS = """\
image:
  repository: acme/gateway
  tag: "3.9"
  pullPolicy: IfNotPresent
controller:
  image:
    repository: acme/gateway-controller
    tag: "3.5"
"""

CI = """\
# one string per image in place of repository and tag
image:
  unifiedRepoTag: acme/gateway:3.4
controller:
  image:
    unifiedRepoTag: acme/gateway-controller:3.0
"""

TEMPLATES = """\
{{- define "gw.getRepoTag" -}}
{{- if .unifiedRepoTag }}
{{- .unifiedRepoTag }}
{{- else if .repository }}
{{- .repository }}:{{ .tag }}
{{- end -}}
{{- end -}}
containers:
  - name: proxy
    image: {{ include "gw.getRepoTag" .Values.image }}
  - name: controller
    image: {{ include "gw.getRepoTag" .Values.controller.image }}
"""


def test_a_key_the_chart_prints_as_the_whole_image_is_that_image() -> None:
    found = helm_values_images(
        CI, "chart/ci/single-image-values.yaml", app_version="3.9", templates=TEMPLATES, defaults=DEFAULTS
    )
    assert sorted((item.text, item.line, item.problem) for item in found) == [
        ("acme/gateway-controller:3.0", 6, None),
        ("acme/gateway:3.4", 3, None),
    ]


def test_the_defaults_keep_their_repository_and_tag() -> None:
    found = helm_values_images(DEFAULTS, "chart/values.yaml", app_version="3.9", templates=TEMPLATES)
    assert sorted(item.text for item in found) == ["acme/gateway-controller:3.5", "acme/gateway:3.9"]
