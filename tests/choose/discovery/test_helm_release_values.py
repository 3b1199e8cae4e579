"""A Flux `HelmRelease` deploys a chart with the `spec.values` it gives: an image mapping there (`image:
{repository, tag}`, with a `registry`, in a subchart's values) is the image the release runs, by the conventions a
chart's own values are read with; without a tag the chart decides it (unresolved). The same mapping in another
object is not a chart's values and is not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

RELEASE = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: photos
spec:
  chart:
    spec:
      chart: photos
      version: "0.5.0"
  values:
    image:
      repository: acme/photos
      tag: "240420"
      pullPolicy: IfNotPresent
    postgresql:
      image:
        registry: docker.io
        repository: bitnami/postgresql
        tag: 16.4.0
    exporter:
      image:
        repository: prom/postgres-exporter
        pullPolicy: Always
    sidecar:
      image: busybox:1.37
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  image:
    repository: acme/not-a-release
    tag: "1.0"
"""


def test_the_image_mappings_of_a_releases_values_are_read() -> None:
    found = kubernetes_images(RELEASE, "clusters/prod/photos.yaml")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("busybox:1.37", 25, True),
        ("acme/photos:240420", 12, True),
        ("docker.io/bitnami/postgresql:16.4.0", 18, True),
        ("prom/postgres-exporter", 22, False),
    ]
