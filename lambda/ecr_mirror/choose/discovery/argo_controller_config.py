"""Argo Workflows' controller ConfigMap: the images its configuration makes workflow pods pull (pure).

The workflow controller reads its configuration from the ConfigMap `workflow-controller-configmap`, each `data` value
a YAML document of its own (https://argo-workflows.readthedocs.io/en/latest/workflow-controller-configmap/):
`executor` customises the init and wait containers the controller adds to every workflow pod (its `image` replaces
the default argoexec one), and `artifactDrivers` registers the artifact plugins (`name`, `image`), each a Docker
image run beside the pods that read or write their artifacts
(https://argo-workflows.readthedocs.io/en/latest/configure-artifact-repository/#plugin-configuration). Those
images are listed at their lines inside the block; `imagePullPolicy: Never` is never pulled. Other ConfigMaps'
`data`, and the controller's other keys (`images:` names what workflows run, with the command of each), are not
read so.
"""

from __future__ import annotations

import dataclasses

import yaml

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, located

CONTROLLER_CONFIGMAP = "workflow-controller-configmap"
_KIND = "Kubernetes manifest"


def _containers(key: str, parsed: object) -> list[dict[object, object]]:
    if key == "executor":
        return [parsed] if isinstance(parsed, dict) else []
    return [entry for entry in parsed if isinstance(entry, dict)] if isinstance(parsed, list) else []


def _line(block: str, first: int, image: str) -> int:
    """The line of `image:` in a block scalar whose first line is `first`."""
    for index, line in enumerate(block.splitlines()):
        if line.strip().startswith("image:") and image in line:
            return first + index
    return first


def controller_config_images(doc: object, origin: str) -> list[Found]:
    """The executor and artifact driver images of an Argo Workflows controller ConfigMap (see the module)."""
    if not isinstance(doc, dict) or doc.get("kind") != "ConfigMap" or not isinstance(doc.get("data"), dict):
        return []
    metadata = doc.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("name") != CONTROLLER_CONFIGMAP:
        return []
    found: list[Found] = []
    for key in ("executor", "artifactDrivers"):
        block = doc["data"].get(key)
        if not isinstance(block, str) or "image" not in block:
            continue
        try:
            parsed = yaml.safe_load(block)
        except yaml.YAMLError:
            continue
        first = (line_of(block) or 0) + 1  # a block scalar's text starts on the line after its key
        for container in _containers(key, parsed):
            image = container.get("image")
            if not isinstance(image, str) or container.get("imagePullPolicy") == "Never":
                continue
            item = found_item(located(image, _line(block, first, image)), origin, f"{key} image")
            found += [dataclasses.replace(item, kind=_KIND)] if item else []
    return found
