"""An operator's `RELATED_IMAGE_*` environment variables in a Kubernetes manifest: the images it deploys, which
Operator Lifecycle Manager lists as the operator's related images (what a disconnected cluster must mirror)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

MANAGER = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
spec:
  template:
    spec:
      containers:
        - name: manager
          image: controller:latest
          env:
            - name: LEADER_ELECTION
              value: "true"
            - name: RELATED_IMAGE_DASHBOARD
              value: "docker.io/acme/dashboard:4.2.1"
            - name: RELATED_IMAGE_EXPORTER
              value: quay.io/acme/exporter@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            - name: DASHBOARD_URL
              value: "http://dashboard:3000"
            - name: RELATED_IMAGE_SIDECAR
              valueFrom:
                configMapKeyRef: {name: images, key: sidecar}
            - name: RELATED_IMAGE_BROKEN
              value: "not an image!"
"""


def test_related_image_variables_are_images_the_operator_deploys() -> None:
    found = kubernetes_images(MANAGER, "config/manager/manager.yaml")
    assert [(item.text, item.line, item.use, item.problem) for item in found] == [
        ("controller:latest", 10, "image", None),
        ("docker.io/acme/dashboard:4.2.1", 15, "env RELATED_IMAGE_DASHBOARD", None),
        (
            "quay.io/acme/exporter@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            17,
            "env RELATED_IMAGE_EXPORTER",
            None,
        ),
    ]
    assert {item.kind for item in found} == {"Kubernetes manifest"}


def test_related_image_names_outside_a_manifest_are_not_read() -> None:
    assert kubernetes_images(MANAGER.replace("apiVersion: apps/v1\n", ""), "notes.yaml") == []


def test_an_untagged_related_image_on_a_registry_is_pulled_at_latest() -> None:
    manager = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: operator
spec:
  template:
    spec:
      containers:
        - name: manager
          image: quay.io/acme/operator:1.4.0
          env:
            - name: RELATED_IMAGE_ZYNC_POSTGRESQL
              value: "quay.io/sclorg/postgresql-15-c8s"
            - name: RELATED_IMAGE_DB_NAME
              value: mariadb
            - name: RELATED_IMAGE_MIRROR_PATH
              value: acme/mirror
            - name: OPERATOR_IMAGE
              value: quay.io/acme/untagged-key
"""
    found = kubernetes_images(manager, "config/manager/manager.yaml")
    assert [(item.text, item.line) for item in found] == [
        ("quay.io/acme/operator:1.4.0", 10),
        ("quay.io/sclorg/postgresql-15-c8s", 13),
    ]
