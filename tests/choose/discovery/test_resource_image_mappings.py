"""A custom resource's `image:` mapping of a repository and a tag (held-out set AS: VictoriaMetrics operator's
`VMAlert` example, `image: {repository: victoriametrics/vmalert, tag: v1.136.0}`): the operator runs that image.
A mapping with only one of them takes the operator's default for the other, known only where it runs."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

RESOURCES = """\
apiVersion: operator.victoriametrics.com/v1beta1
kind: VMAlert
metadata:
  name: example
spec:
  image:
    repository: victoriametrics/vmalert
    tag: v1.136.0
    pullPolicy: IfNotPresent
  configReloaderImage: victoriametrics/operator:config-reloader-v0.67.0
---
apiVersion: operator.victoriametrics.com/v1beta1
kind: VMAuth
metadata:
  name: repository-only
spec:
  image:
    repository: victoriametrics/vmauth
---
apiVersion: operator.victoriametrics.com/v1beta1
kind: VMSingle
metadata:
  name: tag-only
spec:
  image:
    tag: v1.89.1
"""

CORE = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  image:
    repository: acme/app
    tag: "1.0"
"""


def test_a_custom_resources_repository_and_tag_mapping_is_its_image() -> None:
    found = [(item.text, item.line, item.problem) for item in kubernetes_images(RESOURCES, "vmalert.yaml")]
    assert ("victoriametrics/vmalert:v1.136.0", 7, None) in found
    assert not [text for text, _, _ in found if text.startswith(("victoriametrics/vmauth", "v1.89"))]


def test_a_mapping_in_a_core_kubernetes_object_is_not_read() -> None:
    assert kubernetes_images(CORE, "config.yaml") == []


VERSIONED = """\
apiVersion: apps.acme.example.com/v1beta4
kind: BrokerEnterprise
metadata:
  name: broker
spec:
  template:
    spec:
      brokerContainer:
        image:
          repository: acme/broker-ee
          version: 4.4.15
          pullPolicy: IfNotPresent
---
apiVersion: apps.acme.example.com/v1beta4
kind: Broker
metadata:
  name: both
spec:
  image:
    repository: acme/broker
    tag: 4.4.16
    version: "4.4"
"""


def test_a_repository_and_version_mapping_is_its_image_a_tag_first() -> None:
    found = [(item.text, item.line, item.problem) for item in kubernetes_images(VERSIONED, "broker.yaml")]
    assert found == [("acme/broker-ee:4.4.15", 10, None), ("acme/broker:4.4.16", 20, None)]
