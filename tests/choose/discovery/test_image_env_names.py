"""A container's environment variable named like an image (`*_IMAGE`, as keys naming one are) with a value written
with a tag or a digest is an image the operator deploys, as a `RELATED_IMAGE_*` one is; a value without a tag or
digest (`RELATED_IMAGE_DB_NAME: mariadb`, the name the operator gives its pods) is not read, and neither is a key
naming an image among an object's `metadata.annotations`, which describe the object (an OLM
ClusterServiceVersion's `containerImage`, shown in a catalog) and make nothing pull."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

MANAGER = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: db-operator
  annotations:
    containerImage: acme/db-operator:v0.0.0
spec:
  template:
    metadata:
      annotations:
        sidecar.acme.io/proxyImage: acme/proxy:9.9.9
    spec:
      containers:
        - name: manager
          image: ghcr.io/acme/db-operator:1.4.0
          env:
            - name: RELATED_IMAGE_DB
              value: mariadb:11.4.5
            - name: RELATED_IMAGE_DB_NAME
              value: mariadb
            - name: DB_OPERATOR_IMAGE
              value: ghcr.io/acme/db-operator:0.34.0
            - name: BACKUP_IMAGE
              value: acme/backup
            - name: IMAGE_PULL_POLICY
              value: IfNotPresent
"""


def test_image_variables_with_a_tag_are_read_and_annotations_are_not() -> None:
    found = kubernetes_images(MANAGER, "config/manager/manager.yaml")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("ghcr.io/acme/db-operator:1.4.0", 15, "image"),
        ("mariadb:11.4.5", 18, "env RELATED_IMAGE_DB"),
        ("ghcr.io/acme/db-operator:0.34.0", 22, "env DB_OPERATOR_IMAGE"),
    ]
