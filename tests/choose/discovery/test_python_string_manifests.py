"""Kubernetes objects a Python test suite writes in string literals: their literal `image:` lines, at their line."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_string_manifests import may_hold_manifests, string_manifest_images

SOURCE = '''\
import logging

knative_service_example = """
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
 name: helloworld-go
spec:
 template:
   spec:
     containers:
     - image: gcr.io/knative-samples/helloworld-go
"""

values_only = """
image: acme/not-an-object:1
replicas: 2
"""

TEMPLATE = """
apiVersion: v1
kind: Pod
spec:
  containers:
  - image: "{image}"
  - image: docker.io/library/busybox:1.36
"""
'''


def test_the_literal_images_of_objects_are_read_at_their_lines() -> None:
    found = string_manifest_images(SOURCE, "tests/integration/test_knative.py")
    assert [(item.text, item.line) for item in found] == [
        ("gcr.io/knative-samples/helloworld-go", 13),
        ("docker.io/library/busybox:1.36", 27),
    ]


def test_only_test_tree_sources_with_a_manifest_mark_are_read() -> None:
    data = SOURCE.encode()
    assert may_hold_manifests("tests/integration/test_knative.py", data)
    assert not may_hold_manifests("src/acme/knative.py", data)
    assert not may_hold_manifests("tests/test_plain.py", b"image = 'busybox'\n")
