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
