"""A chart's image mapping that names its image with `name` beside a `registry` and a `tag`, under an `image` key
(yugaware's `image: {postgres: {registry: "", name: postgres, tag: '14.23'}}`, which its `full_image` helper joins as
`[registry/]name:tag`): the image it names, as a `repository` mapping is read. Without a tag, or outside an `image`
key (a dependency's `name` and `tag`), it is not read so."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  commonRegistry: ""
  repository: quay.io/acme/console
  tag: 2026.1.0
  pullPolicy: IfNotPresent
  postgres:
    registry: ""
    tag: '14.23'
    name: postgres
  prometheus:
    registry: quay.io
    tag: v3.13.1
    name: prometheus/prometheus
  broker:
    registry: ghcr.io/acme
    tag: ""
    name: broker
release:
  registry: charts.acme.io
  name: console-crds
  tag: 1.0.0
"""

HELPERS = """\
{{- define "full_image" -}}
  {{- $registry := (get (get .root.Values.image .containerName) "registry") -}}
  {{- if not (empty $registry) -}}{{- $registry = printf "%s/" $registry -}}{{- end -}}
  {{- $name := (toString (get (get .root.Values.image .containerName) "name")) -}}
  {{- $tag := (toString (get (get .root.Values.image .containerName) "tag")) -}}
  {{- printf "%s%s:%s" $registry $name $tag -}}
{{- end -}}
"""


def test_a_registry_name_tag_mapping_under_image_is_an_image() -> None:
    found = helm_values_images(VALUES, "console/values.yaml", app_version="2026.1.0", templates=HELPERS)
    listed = {(item.text, item.line) for item in found if item.problem is None}
    assert listed == {
        ("quay.io/acme/console:2026.1.0", 3),
        ("postgres:14.23", 9),
        ("quay.io/prometheus/prometheus:v3.13.1", 13),
    }
