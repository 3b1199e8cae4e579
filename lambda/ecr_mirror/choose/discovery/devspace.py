"""DevSpace configurations, `devspace.yaml` (pure).

In dev mode (`devspace dev`) DevSpace finds the container each `dev.NAME` entry selects (`imageSelector`,
`labelSelector`) and, when the entry has a `devImage`, replaces the container's image with it: "DevImage is the image
to use for this container and will replace the existing image" (https://www.devspace.sh/docs/configuration/dev/
modifications); `dev.NAME.containers.CONTAINER.devImage` does so for one container of a pod with several, and the
older schema (`version: v1beta*`) wrote it `dev.replacePods[].replaceImage`. Those images are pulled by the cluster.
Not read: `images:` (what DevSpace builds and pushes), the selectors (an image already running: the deployments and
manifests that run it are read as such).

A deployment of DevSpace's component chart (`helm: {componentChart: true}` in the older schema, `helm: {chart: {name:
component-chart}}` in v2beta1) runs the containers its `values` list: `values.containers[].image` and
`values.initContainers[].image` (https://www.devspace.sh/component-chart/docs/configuration/containers#image), read
here as no chart in the tree holds them; an untagged name the file's `images:` builds is the placeholder DevSpace
replaces with the tag it built (not listed).

A value's `${VAR}` (or `$VAR`) is the file's own `vars:` entry: a string, or the `value` (else `default`) of a
mapping (v2beta1: `vars: {NAME: ...}`; v1beta: a list of `{name: ..., value: ...}`); a variable without one is asked
or read from the environment when the configuration is used (unresolved, with that reason).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ecr_mirror.choose.discovery.collect import Resolver, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import expand
from ecr_mirror.choose.discovery.yaml_loader import load_documents


def _var_value(spec: Any) -> str | None:
    if isinstance(spec, (str, int, float)) and not isinstance(spec, bool):
        return str(spec)
    if isinstance(spec, dict):
        for key in ("value", "default"):
            if isinstance(spec.get(key), (str, int, float)) and not isinstance(spec.get(key), bool):
                return str(spec[key])
    return None


def _variables(doc: dict[Any, Any]) -> dict[str, str | None]:
    """The values `vars:` gives: a mapping of names (v2beta1), or a list of `{name: ...}` entries (v1beta)."""
    declared = doc.get("vars")
    if isinstance(declared, dict):
        return {str(name): _var_value(spec) for name, spec in declared.items()}
    entries = declared if isinstance(declared, list) else []
    return {str(spec["name"]): _var_value(spec) for spec in entries if isinstance(spec, dict) and "name" in spec}


def _unset(name: str) -> str:
    return f"${{{name}}} is set by DevSpace from the environment or a prompt when the configuration is used"


def _dev_images(dev: Any) -> list[tuple[object, str]]:
    """(value, use) of each dev image a `dev:` section gives, in order."""
    out: list[tuple[object, str]] = []
    if not isinstance(dev, dict):
        return out
    pods = dev.get("replacePods")
    for pod in pods if isinstance(pods, list) else []:
        if isinstance(pod, dict) and "replaceImage" in pod:
            out.append((pod["replaceImage"], "dev.replacePods[].replaceImage"))
    for name, entry in dev.items():
        if name == "replacePods" or not isinstance(entry, dict):
            continue
        if "devImage" in entry:
            out.append((entry["devImage"], f"dev.{name}.devImage"))
        containers = entry.get("containers")
        for container, spec in containers.items() if isinstance(containers, dict) else []:
            if isinstance(spec, dict) and "devImage" in spec:
                out.append((spec["devImage"], f"dev.{name}.containers.{container}.devImage"))
    return out


def _deployment_specs(deployments: Any) -> list[Any]:
    """The deployments of `deployments:`, a list (the older schema) or a mapping of names (v2beta1)."""
    if isinstance(deployments, dict):
        return list(deployments.values())
    return deployments if isinstance(deployments, list) else []


def _component_images(doc: dict[Any, Any]) -> list[tuple[object, str]]:
    """(value, use) of each container image the component chart deployments of `doc` give, in order; an untagged
    name the file's `images:` builds left out."""
    images = doc.get("images")
    built = (
        {spec.get("image") for spec in images.values() if isinstance(spec, dict)} if isinstance(images, dict) else set()
    )
    out: list[tuple[object, str]] = []
    for deployment in _deployment_specs(doc.get("deployments")):
        helm = deployment.get("helm") if isinstance(deployment, dict) else None
        chart = helm.get("chart") if isinstance(helm, dict) else None
        named = isinstance(chart, dict) and chart.get("name") == "component-chart"
        values = (
            helm.get("values") if isinstance(helm, dict) and (helm.get("componentChart") is True or named) else None
        )
        if not isinstance(values, dict):
            continue
        for key in ("initContainers", "containers"):
            containers = values.get(key)
            for container in containers if isinstance(containers, list) else []:
                image = container.get("image") if isinstance(container, dict) else None
                if image is not None and image not in built:
                    out.append((image, f"helm.values.{key}[].image (component chart)"))
    return out


def devspace_images(text: str, origin: str) -> list[Found]:
    """The dev images a `devspace.yaml` puts in the containers it selects, and its component chart containers."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        values = _variables(doc)
        resolve: Resolver = partial(expand, values=values, dollar_escape=True)
        for value, use in _dev_images(doc.get("dev")) + _component_images(doc):
            item = found_item(value, origin, use, resolve, _unset)
            found += [item] if item else []
    return found


def devspace_built_images(text: str, origin: str) -> set[str]:
    """The images a DevSpace configuration builds, `images.NAME.image` (https://www.devspace.sh/docs/configuration/
    images/): DevSpace puts the tag it built in place of that name in the manifests it deploys."""
    built: set[str] = set()
    for doc in load_documents(text, origin):
        images = doc.get("images") if isinstance(doc, dict) else None
        for spec in images.values() if isinstance(images, dict) else ():
            built |= {spec["image"]} if isinstance(spec, dict) and isinstance(spec.get("image"), str) else set()
    return built
