"""Keys naming an image in an operator's configuration and custom resources (`docker_image`, `dockerImage`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

OPERATOR = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: cluster-operator
data:
  docker_image: ghcr.io/acme/spilo-17:4.0-p3
  logical_backup_docker_image: "ghcr.io/acme/logical-backup:v1.9.0"
  sidecar_docker_images: ""
  workers: "8"
---
apiVersion: acme.example.com/v1
kind: DatabaseCluster
metadata:
  name: orders
spec:
  dockerImage: ghcr.io/acme/spilo-17:4.0-p3
  secretBackend:
    defaultUserUpdaterImage: "docker.io/acme/credential-updater:1.0.14@sha256:\
0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  nodeTemplate:
    osImage: ubuntu-22.04
    baseImage: not an image
  debug:
    imagePullPolicy: Never
    toolsImage: acme/debug-tools:dev
  containers:
    - name: db
      image: postgres:17
"""


def test_keys_ending_in_image_name_pulled_images_when_written_with_a_tag_or_digest() -> None:
    found = kubernetes_images(OPERATOR, "manifests/operator.yaml")
    assert [(item.text, item.use, item.line) for item in found] == [
        ("ghcr.io/acme/spilo-17:4.0-p3", "docker_image", 6),
        ("ghcr.io/acme/logical-backup:v1.9.0", "logical_backup_docker_image", 7),
        ("postgres:17", "image", 27),
        ("ghcr.io/acme/spilo-17:4.0-p3", "dockerImage", 16),
        (
            "docker.io/acme/credential-updater:1.0.14@sha256:"
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "defaultUserUpdaterImage",
            18,
        ),
    ]


def test_an_image_name_key_names_the_image_an_operator_runs() -> None:
    # a CloudNativePG `Cluster`'s `spec.imageName`, the PostgreSQL image of its instances; a bare name is not read
    cluster = """\
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: orders-db
spec:
  instances: 3
  imageName: ghcr.io/acme/postgresql:17.5
  bootstrap:
    initdb:
      database: orders
---
apiVersion: acme.example.com/v1
kind: Renderer
spec:
  imageName: renderer
  sidecarImageName: "docker.io/acme/renderer-sidecar:2.1.0"
"""
    found = kubernetes_images(cluster, "examples/cluster.yaml")
    assert [(item.text, item.use, item.line) for item in found] == [
        ("ghcr.io/acme/postgresql:17.5", "imageName", 7),
        ("docker.io/acme/renderer-sidecar:2.1.0", "sidecarImageName", 16),
    ]
