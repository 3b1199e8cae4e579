"""Konflux's application records (`appstudio.redhat.com`): a Component's `containerImage` is the repository its
builds push to, a Snapshot's `components[].containerImage` the images those builds produced, recorded for
integration tests and for a Release to copy where they are published
(https://konflux-ci.dev/docs/reference/kube-apis/application-api/): the project's own build outputs, not images
something pulls to run."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

DIGEST = "sha256:" + "cd" * 32

RECORDS = f"""\
apiVersion: appstudio.redhat.com/v1alpha1
kind: Snapshot
metadata:
  name: shop-1-4-override-snapshot
spec:
  application: shop-1-4
  components:
    - name: shop-api
      containerImage: "quay.io/acme-workloads/shop-tenant/shop-api@{DIGEST}"
      source:
        git:
          url: https://github.com/acme/shop
          revision: 0123456789abcdef0123456789abcdef01234567
---
apiVersion: appstudio.redhat.com/v1alpha1
kind: Component
metadata:
  name: shop-api
spec:
  application: shop-1-4
  componentName: shop-api
  containerImage: quay.io/acme-workloads/shop-tenant/shop-api:latest
---
apiVersion: v1
kind: Pod
metadata:
  name: smoke
spec:
  containers:
  - name: smoke
    image: quay.io/acme/smoke:1.0
"""


def test_konflux_records_name_build_outputs_not_pulls() -> None:
    assert [item.text for item in yaml_images(RECORDS, ".konflux-release/override-snapshot.yaml")] == [
        "quay.io/acme/smoke:1.0"
    ]
