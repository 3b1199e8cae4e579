"""A CustomResourceDefinition's schema may show what a field holds with `example:` values (`sidecars: {items:
{example: {name: sidecar, image: image}}}`, an RBD volume's `image: "image"`): a documentation sample, not an image
the cluster pulls. A schema `default:` is applied by the API server where the field is left out, and is kept."""

from __future__ import annotations

from ecr_mirror.choose.discovery.container_specs import container_images
from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: brokerclusters.acme.example.com
spec:
  group: acme.example.com
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                sidecars:
                  type: array
                  items:
                    type: object
                    example:
                      name: sidecar
                      image: image
                      command: ["sleep", "infinity"]
                volumes:
                  type: array
                  items:
                    example:
                      rbd:
                        image: "image"
                        pool: "pool"
                    properties:
                      rbd:
                        type: object
                        example:
                          image: rbd-image
                exporter:
                  type: object
                  default:
                    image: acme/broker-exporter:0.4.1
                  examples:
                    - image: acme/broker-exporter:0.3.0
"""
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: example
  annotations: {}
spec:
  containers:
    - name: example
      image: acme/example:1.0
"""


def test_a_crd_schema_example_is_not_an_image_a_default_is() -> None:
    found = kubernetes_images(CRD, "crds/brokercluster.yaml")
    assert sorted(item.text for item in found if item.problem is None) == ["acme/broker-exporter:0.4.1"]


def test_a_key_named_example_elsewhere_is_read_as_before() -> None:
    text = POD.replace(
        "name: example\n  annotations", "name: example\n  example:\n    image: acme/other:2.0\n  annotations"
    )
    found = kubernetes_images(text, "pod.yaml")
    assert sorted(item.text for item in found if item.problem is None) == ["acme/example:1.0", "acme/other:2.0"]


def test_a_container_shaped_example_of_a_crd_schema_is_not_a_container_spec() -> None:
    assert container_images(CRD, "crds/brokercluster.yaml") == []
    assert [
        item.text
        for item in container_images(
            CRD.replace("example:\n                      name", "default:\n                      name"), "c.yaml"
        )
    ] == ["image"]
