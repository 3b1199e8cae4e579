"""OLM v1's ClusterCatalog: the catalog image catalogd pulls and serves (olm_catalogs.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images, yaml_images

CATALOGS = """\
apiVersion: olm.operatorframework.io/v1
kind: ClusterCatalog
metadata:
  name: community
spec:
  priority: -100
  source:
    type: Image
    image:
      pollIntervalMinutes: 60
      ref: quay.io/acme-community/operator-index:v4.18
---
apiVersion: olm.operatorframework.io/v1
kind: ClusterCatalog
metadata:
  name: pinned
spec:
  source:
    type: Image
    image:
      ref: ghcr.io/acme/catalog@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
---
apiVersion: catalogd.operatorframework.io/v1alpha1
kind: ClusterCatalog
metadata:
  name: older
spec:
  source:
    type: image
    image:
      ref: docker.io/acme/legacy-catalog:latest
"""


def test_a_cluster_catalog_names_the_catalog_image_catalogd_pulls() -> None:
    found = kubernetes_images(CATALOGS, "manifests/default-catalogs.yaml")
    got = {(item.line, item.text, item.use) for item in found if item.problem is None}
    assert got == {
        (11, "quay.io/acme-community/operator-index:v4.18", "spec.source.image.ref (ClusterCatalog)"),
        (
            21,
            "ghcr.io/acme/catalog@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "spec.source.image.ref (ClusterCatalog)",
        ),
        (31, "docker.io/acme/legacy-catalog:latest", "spec.source.image.ref (ClusterCatalog)"),
    }
    assert {item.kind for item in found} == {"Kubernetes manifest"}


def test_another_kind_with_a_ref_under_image_is_not_a_catalog() -> None:
    text = """\
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  source:
    image:
      ref: acme/not-an-image-of-olm:1.0
"""
    assert yaml_images(text, "deploy/widget.yaml") == []
