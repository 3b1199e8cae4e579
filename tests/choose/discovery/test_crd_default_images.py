"""A CustomResourceDefinition whose schema gives a field named for an image a `default:` (kubebuilder's
`// +kubebuilder:default:="acme/config-reloader:0.2.1"` over `ReloaderImage string`): the API server writes it into
every resource of that kind that leaves the field out, and the operator runs that image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: brokers.acme.example.com
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
                reloaderImage:
                  default: acme/config-reloader:0.2.1
                  type: string
                image:
                  default: acme/broker:5.1.0
                  type: string
                exporterImage:
                  default: acme/broker-exporter
                  type: string
                imagePullPolicy:
                  default: IfNotPresent
                  type: string
                osImage:
                  default: ubuntu-22.04
                  type: string
                clusterDomain:
                  default: cluster.local
                  type: string
"""


def test_the_default_of_a_crd_field_named_for_an_image_is_read() -> None:
    found = kubernetes_images(CRD, "config/crd/bases/acme.example.com_brokers.yaml")
    assert [(item.text, item.line) for item in found if item.problem is None] == [
        ("acme/config-reloader:0.2.1", 17),
        ("acme/broker:5.1.0", 20),
    ]


def test_such_a_default_outside_a_crd_is_not_a_default() -> None:
    text = CRD.replace("kind: CustomResourceDefinition", "kind: ConfigMap")
    assert [item.text for item in kubernetes_images(text, "schema.yaml") if item.problem is None] == []
