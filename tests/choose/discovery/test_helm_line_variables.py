"""A chart template's `image:` line that reads variables the template set before it (`{{- $imageTag := default
.Values.global.grid.imageTag .Values.hub.imageTag }}`, then `printf "%s/%s:%s" $imageRegistry .Values.hub.imageName
$imageTag`), a line under another key ending in `Image` (`initDnsWaitImage: {{ .Values.cluster.initDnsWaitImage
}}`, an image handed to an operator's custom resource), and names a template joins from several keys of one
mapping (`printf "%s/%s" .repository .name`; `imageRegistry`/`imageName`/`imageTag`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
global:
  grid:
    imageRegistry: acme
    imageTag: 4.2.0-20250101
hub:
  imageRegistry:
  imageName: hub
  imageTag:
router:
  imageRegistry: mirror.example.com/acme
  imageName: router
  imageTag: 4.1.0
exporter:
  imageRegistry: "ricardbejarano"
  imageName: "graphql_exporter"
  imageTag: "v1.3.0"
recorder:
  uploader:
    name:
  s3:
    imageRegistry: bitnami
    imageName: aws-cli
    imageTag: "2.22.10"
  gcs:
    imageRegistry:
    imageName: google-cloud-cli
    imageTag: slim
cluster:
  initDnsWaitImage: acme/init-dns-wait:1.0.0
  logLevel: INFO
  imagePullPolicy: IfNotPresent
"""

HUB = """\
      containers:
        - name: hub
          {{- $imageTag := default .Values.global.grid.imageTag .Values.hub.imageTag }}
          {{- $imageRegistry := default .Values.global.grid.imageRegistry .Values.hub.imageRegistry }}
          image: {{ printf "%s/%s:%s" $imageRegistry .Values.hub.imageName $imageTag }}
"""
ROUTER = """\
      containers:
        - name: router
          {{- $imageTag := default .Values.global.grid.imageTag .Values.router.imageTag }}
          {{- $imageRegistry := default .Values.global.grid.imageRegistry .Values.router.imageRegistry }}
          image: {{ printf "%s/%s:%s" $imageRegistry .Values.router.imageName $imageTag }}
"""
EXPORTER = """\
        - name: graphql-exporter
          {{- $imageRegistry := default .Values.global.grid.imageRegistry .Values.exporter.imageRegistry }}
          image: {{ printf "%s/%s:%s" $imageRegistry .Values.exporter.imageName .Values.exporter.imageTag | quote }}
"""
UPLOADER = """\
{{- define "grid.uploader" -}}
      - name: uploader
        {{- $imageTag := .uploader.imageTag }}
        {{- $imageRegistry := .uploader.imageRegistry }}
        image: {{ printf "%s/%s:%s" $imageRegistry .uploader.imageName $imageTag }}
{{- end -}}
"""
CUSTOM_RESOURCE = """\
spec:
  initDnsWaitImage: {{ .Values.cluster.initDnsWaitImage }}
  logLevel: {{ .Values.cluster.logLevel }}
  imagePullPolicy: {{ .Values.cluster.imagePullPolicy }}
"""


def _texts(templates: str, values: str = VALUES) -> list[str]:
    found = helm_values_images(values, "chart/values.yaml", app_version="4.2.0", templates=templates)
    return sorted(item.text for item in found if item.problem is None)


# the mappings whose registry, name and tag are all set, which a template joining them lists (see below)
WHOLE = ["bitnami/aws-cli:2.22.10", "mirror.example.com/acme/router:4.1.0", "ricardbejarano/graphql_exporter:v1.3.0"]


def test_variables_set_before_the_line_are_rendered_with_their_defaults() -> None:
    # the hub leaves its registry and tag empty: the global ones; the router sets its own
    assert _texts(HUB + ROUTER) == ["acme/hub:4.2.0-20250101", *WHOLE]


def test_each_line_takes_the_variable_set_last_before_it_not_another_templates() -> None:
    assert _texts(ROUTER + HUB) == ["acme/hub:4.2.0-20250101", *WHOLE]


def test_a_variable_never_set_leaves_the_line_unrendered() -> None:
    assert _texts(HUB.replace("$imageTag :=", "$otherTag :=")) == WHOLE


def test_a_quoted_printf_is_rendered() -> None:
    # its registry variable defaults to the global one where the exporter leaves its own empty
    values = VALUES.replace('imageRegistry: "ricardbejarano"', 'imageRegistry: ""')
    assert _texts(EXPORTER, values) == [
        "acme/graphql_exporter:v1.3.0",
        "bitnami/aws-cli:2.22.10",
        "mirror.example.com/acme/router:4.1.0",
    ]


def test_an_image_key_of_a_custom_resource_is_rendered_not_other_keys() -> None:
    assert _texts(CUSTOM_RESOURCE) == ["acme/init-dns-wait:1.0.0"]


def test_a_mapping_of_registry_name_and_tag_that_a_template_joins_is_an_image() -> None:
    # the uploader's values come from a mapping the template picks at run time (`get .Values.recorder NAME`): the
    # mappings whose three keys are set are the images it may run; one without a registry is not listed
    assert _texts(UPLOADER) == WHOLE


def test_without_a_template_joining_them_the_three_keys_are_not_read() -> None:
    assert _texts("") == []


PLATFORM_VALUES = """\
image:
  repository: docker.io/acme
  name: acme-platform
  tag: 4.54.0
  digest: ""
  pullPolicy: IfNotPresent
"""
PLATFORM_HELPERS = """\
{{- define "platform.image-reference" -}}
{{- printf "%s/%s" .repository .name -}}
{{- with .tag }}:{{ . }}{{- end -}}
{{- with .digest }}@{{ . }}{{- end -}}
{{- end -}}
"""
PLATFORM = """\
image: "{{ include "platform.image-reference" (dict "repository" .Values.image.repository "name" .Values.image.name) }}"
"""


def test_a_repository_and_a_name_that_the_templates_join_are_one_image() -> None:
    assert _texts(PLATFORM_HELPERS + PLATFORM, PLATFORM_VALUES) == ["docker.io/acme/acme-platform:4.54.0"]


def test_a_name_beside_a_repository_is_not_joined_unless_a_template_does() -> None:
    assert _texts("", PLATFORM_VALUES) == ["docker.io/acme:4.54.0"]


def test_a_variable_set_in_the_named_template_a_line_includes_is_read() -> None:
    # `{{- define "mock.image" -}}` / `{{- $tag := .Values.mock.server.tag | default "0.4.1" }}` / `{{- printf
    # "acme/mock-server:%s" $tag }}`: the assignment prints nothing, the variable is its expression
    values = 'mock:\n  server:\n    tag: "0.4.1"\n    secure: false\n'
    templates = (
        '{{- define "mock.image" -}}\n{{- $tag := .Values.mock.server.tag | default "0.4.1" }}\n'
        '{{- printf "acme/mock-server:%s" $tag }}\n{{- end }}\n'
        'containers:\n  - name: mock\n    image: {{ include "mock.image" . }}\n'
    )
    found = helm_values_images(values, "values.yaml", app_version="1.0.0", templates=templates)
    assert [(item.text, item.line, item.problem) for item in found] == [("acme/mock-server:0.4.1", 3, None)]
