"""Terraform resources that run containers, beside ECS task definitions (terraform.py) (pure):

- the Docker provider (kreuzwerker/docker): `docker_container`'s `image`, which the provider pulls when the daemon
  lacks it (not when it is a `docker_image` resource's attribute, `docker_image.app.image_id`: that resource is
  read), and `docker_image`'s `name`, which it pulls, unless the resource has a `build` block (it builds it);
  `docker_buildx_builder`'s `docker_container` block `image`, the BuildKit image the docker-container driver runs,
  and `docker_service`'s `task_spec` `container_spec` `image`, which Swarm pulls on its nodes;
- the `container` and `init_container` blocks (`containers` for Cloud Run v2) with an `image`, at any depth, of
  Azure Container Instances (`azurerm_container_group`), Azure Container Apps (`azurerm_container_app`,
  `azurerm_container_app_job`), Cloud Run (`google_cloud_run_service`, `google_cloud_run_v2_service`, `..._job`)
  and the Kubernetes provider's workloads (`kubernetes_deployment`, `kubernetes_pod_v1`, `kubernetes_cron_job`,
  ...; not `kubernetes_manifest`, whose `manifest` is any object); a Kubernetes container whose `image_pull_policy`
  is `"Never"` (the container's `imagePullPolicy`) is not read: the kubelet starts only an image the node holds
  already, loaded there beforehand (vault-secrets-operator's demo app, `kind load`ed by its script).

An `image` of any other resource is not read (a Compute Engine disk's `image` is an OS image).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, Text
from ecr_mirror.choose.discovery.terraform_hcl import Body

KIND = "Terraform resource"
_CONTAINER_BLOCKS = frozenset({"container", "init_container", "containers"})
_WORKLOADS = ("azurerm_container_group", "azurerm_container_app", "google_cloud_run_", "kubernetes_")


def _attributes(body: Body) -> dict[str, Any]:
    return {name: value for name, labels, value, _ in body if not labels and not isinstance(value, Body)}


def _names_a_docker_image_resource(value: Any) -> bool:
    written = value.text if isinstance(value, Expr) else value.raw if isinstance(value, Text) else ""
    return "docker_image." in written.replace(" ", "")


def _never_pulled(attributes: dict[str, Any]) -> bool:
    """Whether a container block's pull policy is `Never`: "the image is assumed to exist locally, no attempt is made
    to pull it" (https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy; the Kubernetes provider's
    `image_pull_policy`, https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/deployment_v1#image_pull_policy)."""
    policy = attributes.get("image_pull_policy")
    return isinstance(policy, Text) and policy.raw == "Never"


def _containers(body: Body, kubernetes: bool = False) -> Iterator[tuple[Any, str]]:
    for name, _, value, _ in body:
        if not isinstance(value, Body):
            continue
        attributes = _attributes(value) if name in _CONTAINER_BLOCKS else {}
        image = None if kubernetes and _never_pulled(attributes) else attributes.get("image")
        if image is not None:
            yield image, f"{name} image"
        yield from _containers(value, kubernetes)


def _nested(body: Body, *path: str) -> Any:
    """The attribute at the end of a path of blocks (`task_spec`, `container_spec`, `image`), or None."""
    *blocks, attribute = path
    for block in blocks:
        inner = next((value for name, _, value, _ in body if name == block and isinstance(value, Body)), None)
        if inner is None:
            return None
        body = inner
    return _attributes(body).get(attribute)


_DOCKER_BLOCKS = {
    "docker_buildx_builder": (("docker_container", "image"), "docker_buildx_builder docker_container image"),
    "docker_service": (("task_spec", "container_spec", "image"), "docker_service container_spec image"),
}


def resource_images(body: Body) -> Iterator[tuple[Any, str]]:
    """(the value naming an image, its use) for the container resources of one file's top-level body."""
    for name, labels, value, _ in body:
        if name != "resource" or not labels or not isinstance(value, Body):
            continue
        kind, attributes = labels[0], _attributes(value)
        if kind == "docker_container" and "image" in attributes:
            if not _names_a_docker_image_resource(attributes["image"]):
                yield attributes["image"], "docker_container image"
        elif kind == "docker_image" and "name" in attributes:
            if not any(item == "build" and isinstance(block, Body) for item, _, block, _ in value):
                yield attributes["name"], "docker_image name"
        elif kind in _DOCKER_BLOCKS:
            path, use = _DOCKER_BLOCKS[kind]
            image = _nested(value, *path)
            if image is not None and not _names_a_docker_image_resource(image):
                yield image, use
        elif kind.startswith(_WORKLOADS) and kind != "kubernetes_manifest":
            containers = _containers(value, kind.startswith("kubernetes_"))
            yield from ((image, f"{kind} {use}") for image, use in containers)
