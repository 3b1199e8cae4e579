"""Argo Workflows' controller ConfigMap (`workflow-controller-configmap`): the YAML its `data` values hold names the
executor image the controller runs in each workflow pod (`executor: |` with `image:`) and the image of each
artifact driver plugin (`artifactDrivers: |`, a list of `name` and `image`), which the pods then pull."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

CONTROLLER_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: workflow-controller-configmap
data:
  executor: |
    image: quay.io/acme/argoexec:v3.7.2
    imagePullPolicy: IfNotPresent
    resources:
      requests:
        cpu: 10m
  images: |
    docker/whalesay:latest:
      cmd: [cowsay]
  artifactDrivers: |
    - name: s3
      image: ghcr.io/acme/artifact-driver-s3:v0.3.1
    - name: local
      image: acme-driver:dev
      imagePullPolicy: Never
"""


def test_the_executor_and_artifact_driver_images_of_the_controller_configmap() -> None:
    found = kubernetes_images(CONTROLLER_CONFIGMAP, "manifests/workflow-controller-configmap.yaml")
    assert {(item.text, item.line, item.problem) for item in found} == {
        ("quay.io/acme/argoexec:v3.7.2", 7, None),
        ("ghcr.io/acme/artifact-driver-s3:v0.3.1", 17, None),
    }


def test_another_configmap_s_data_is_not_read_so() -> None:
    other = CONTROLLER_CONFIGMAP.replace("name: workflow-controller-configmap", "name: app-settings")
    assert kubernetes_images(other, "manifests/app-settings.yaml") == []
