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


LIFECYCLE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: pipelines-operator
spec:
  template:
    spec:
      containers:
        - name: lifecycle
          image: ghcr.io/acme/operator/lifecycle:v0.75.0
          env:
            - name: IMAGE_PIPELINES_PROXY
              value: ghcr.io/acme/operator/proxy-webhook@sha256:%s
            - name: IMAGE_JOB_PRUNER_TKN
              value: ghcr.io/acme/plumbing/tkn:v0.40.0
            - name: IMAGE_PULL_POLICY
              value: IfNotPresent
            - name: IMAGE_REGISTRY
              value: quay.io
""" % ("ab" * 32)


def test_a_variable_named_image_first_with_a_tag_or_digest_is_read() -> None:
    """Tekton's operator names the images it deploys `IMAGE_<COMPONENT>_<CONTAINER>` and replaces each container's
    image with the variable's value: `IMAGE_` first names an image as `_IMAGE` last does; `IMAGE_PULL_POLICY` and
    `IMAGE_REGISTRY`, with no tag or digest, are not read."""
    found = kubernetes_images(LIFECYCLE, "config/base/operator.yaml")
    assert [(item.text, item.line, item.use) for item in found if item.problem is None] == [
        ("ghcr.io/acme/operator/lifecycle:v0.75.0", 10, "image"),
        (f"ghcr.io/acme/operator/proxy-webhook@sha256:{'ab' * 32}", 13, "env IMAGE_PIPELINES_PROXY"),
        ("ghcr.io/acme/plumbing/tkn:v0.40.0", 15, "env IMAGE_JOB_PRUNER_TKN"),
    ]
