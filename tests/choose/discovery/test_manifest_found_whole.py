"""A Kubernetes manifest's images compared whole (text, file, line, problem, use, kind): the container `image`, an
image under a key naming one and an operator's `RELATED_IMAGE_*` variable each carry the file they were read from and
the kind "Kubernetes manifest"."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

OPERATOR = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: operator
spec:
  template:
    spec:
      containers:
        - name: manager
          image: ghcr.io/acme/operator:1.0
          env:
            - name: RELATED_IMAGE_EXPORTER
              value: quay.io/acme/exporter:2.1
---
apiVersion: acid.zalan.do/v1
kind: OperatorConfiguration
metadata:
  name: config
configuration:
  docker_image: ghcr.io/zalando/spilo-18:4.1-p2
"""


def test_each_kind_of_manifest_image_carries_its_file_and_kind() -> None:
    kind = "Kubernetes manifest"
    assert kubernetes_images(OPERATOR, "deploy/operator.yaml") == [
        Found("ghcr.io/acme/operator:1.0", "deploy/operator.yaml", 10, None, "image", kind),
        Found("quay.io/acme/exporter:2.1", "deploy/operator.yaml", 13, None, "env RELATED_IMAGE_EXPORTER", kind),
        Found("ghcr.io/zalando/spilo-18:4.1-p2", "deploy/operator.yaml", 20, None, "docker_image", kind),
    ]
