"""A Python test suite that creates Kubernetes objects with the Kubernetes client's models (`V1Container(image=...)`)
or hikaru's (`Container(image="busybox")`) makes the cluster it runs against pull the image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_k8s_models import may_build_objects, model_images

HIKARU = """\
import uuid

from hikaru.model.rel_1_26 import Container, Deployment, DeploymentSpec, PodSpec, PodTemplateSpec

SIDECAR = "ghcr.io/acme/sidecar:2.1"


def simple_deployment(title: str, image: str = "acme/default-param:1") -> Deployment:
    return Deployment(
        spec=DeploymentSpec(
            template=PodTemplateSpec(
                spec=PodSpec(
                    containers=[
                        Container(name=title, image="busybox", command=["/bin/sh"]),
                        Container(name="sidecar", image=SIDECAR),
                        Container(name="given", image=image),
                        Container(name="built", image=f"{REGISTRY}/tool:1"),
                    ]
                )
            )
        )
    )
"""

CLIENT = """\
from kubernetes import client

def pod() -> client.V1Pod:
    container = client.V1Container(name="web", image="nginx:1.27-alpine")
    return client.V1Pod(spec=client.V1PodSpec(containers=[container]))
"""

UNRELATED = """\
from testcontainers.core.container import DockerContainer

class Container:
    def __init__(self, image: str) -> None:
        self.image = image

box = Container(image="acme/not-kubernetes:1")
"""


def test_the_image_of_each_container_model_is_read() -> None:
    found = model_images(HIKARU, "tests/utils/kubernetes_utils.py")
    assert [(item.text, item.line, item.use, item.kind) for item in found] == [
        ("busybox", 14, "image (Kubernetes model Container)", "Python source"),
        ("ghcr.io/acme/sidecar:2.1", 5, "image (Kubernetes model Container)", "Python source"),  # the constant's
    ]
    client = model_images(CLIENT, "tests/e2e/test_pods.py")
    assert [(item.text, item.line) for item in client] == [("nginx:1.27-alpine", 4)]


def test_only_the_kubernetes_models_of_a_test_tree() -> None:
    assert model_images(UNRELATED, "tests/test_box.py") == []
    assert not may_build_objects("src/app/pods.py", CLIENT.encode())
    assert may_build_objects("tests/utils/kubernetes_utils.py", HIKARU.encode())
    assert model_images("def broken(:\n", "tests/x.py") == []


MOCKED = """\
from unittest.mock import MagicMock, patch

from kubernetes.client import V1Container, V1Pod, V1PodSpec

POD = V1Pod(spec=V1PodSpec(containers=[V1Container(name="main", image="unit_image")]))


@patch("app.k8s.job_manager.client.BatchV1Api")
def test_merge(api: MagicMock) -> None:
    other = V1Container(name="other", image="acme/other:1.0")
"""


def test_a_unit_test_that_mocks_compares_its_models_and_creates_none() -> None:
    # https://docs.python.org/3/library/unittest.mock.html: the API it patches sends nothing to a cluster
    assert model_images(MOCKED, "app/tests/services/k8s/test_job_manager.py") == []
    assert model_images(MOCKED.replace("unittest.mock", "app.mocks_of_nothing"), "tests/test_x.py") != []
