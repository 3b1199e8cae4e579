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


def test_a_mapping_with_a_repository_key_is_not_read_by_its_name() -> None:
    """strimzi's `kafkaBridge.image: {registry: "", repository: , name: kafka-bridge, tag: 1.1.0}`: its template
    fills the empty registry and repository from `defaultImageRegistry`/`defaultImageRepository`
    (`quay.io/strimzi/kafka-bridge:1.1.0`), so the bare `kafka-bridge:1.1.0` is no image."""
    values = """\
defaultImageRegistry: quay.io
defaultImageRepository: strimzi
kafkaBridge:
  image:
    registry: ""
    repository:
    name: kafka-bridge
    tag: 1.1.0
"""
    found = helm_values_images(values, "strimzi/values.yaml", app_version="0.49.0", templates="")
    assert not [item.text for item in found if item.problem is None and "kafka-bridge" in item.text]
