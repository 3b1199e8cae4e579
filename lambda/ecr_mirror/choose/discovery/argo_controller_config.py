"""Argo's controller ConfigMaps: the images their configuration makes the cluster pull (pure).

The workflow controller reads its configuration from the ConfigMap `workflow-controller-configmap`, each `data` value
a YAML document of its own (https://argo-workflows.readthedocs.io/en/latest/workflow-controller-configmap/):
`executor` customises the init and wait containers the controller adds to every workflow pod (its `image` replaces
the default argoexec one), and `artifactDrivers` registers the artifact plugins (`name`, `image`), each a Docker
image run beside the pods that read or write their artifacts
(https://argo-workflows.readthedocs.io/en/latest/configure-artifact-repository/#plugin-configuration). Those
images are listed at their lines inside the block; `imagePullPolicy: Never` is never pulled. Other ConfigMaps'
`data`, and the controller's other keys (`images:` names what workflows run, with the command of each), are not
read so.

Argo Events' controller reads its ConfigMap (`argo-events-controller-config`, data key `controller-config.yaml`)
the same way: `eventBus.nats.versions` and `eventBus.jetstream.versions` list, per EventBus version, the images the
controller deploys in the EventBus StatefulSet when an EventBus asks for that version (`natsStreamingImage`,
`natsImage`, `metricsExporterImage`, `configReloaderImage`;
https://argoproj.github.io/argo-events/eventbus/jetstream/, "the JetStream versions ... are defined in the
controller ConfigMap"). A ConfigMap is read so by that shape, whatever its name (kustomize may prefix it): a `data`
block whose YAML holds `eventBus` with a `versions` list; each key of an entry ending in `Image`, with a tag or a
digest, is listed at its line in the block.
"""

from __future__ import annotations

import dataclasses

import yaml

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, located
from ecr_mirror.choose.yaml_errors import LOAD_ERRORS

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


def _key_line(lines: list[str], start: int, key: str, image: str) -> int:
    """The index of the first line from `start` of a block scalar's `lines` that says `key: image` (`start` when
    none does): entries are searched in order, so that one version's image is not found at another's line."""
    for index in range(start, len(lines)):
        if lines[index].strip().lstrip("- ").startswith(f"{key}:") and image in lines[index]:
            return index
    return start


def _eventbus_images(block: object, origin: str) -> list[Found]:
    """The images of each EventBus version an Argo Events controller configuration lists (see the module)."""
    if not isinstance(block, str) or "eventBus" not in block or "versions" not in block:
        return []
    try:
        parsed = yaml.safe_load(block)
    except LOAD_ERRORS:
        return []
    buses = parsed.get("eventBus") if isinstance(parsed, dict) else None
    if not isinstance(buses, dict):
        return []
    first, lines, at, found = (line_of(block) or 0) + 1, block.splitlines(), 0, []
    for bus in buses.values():
        versions = bus.get("versions") if isinstance(bus, dict) else None
        for entry in versions if isinstance(versions, list) else ():
            for key, image in entry.items() if isinstance(entry, dict) else ():
                if not (isinstance(key, str) and key.endswith("Image") and isinstance(image, str)):
                    continue
                if ":" not in image.rsplit("/", 1)[-1] and "@" not in image:
                    continue  # no tag nor digest: a name, not read as an image
                at = _key_line(lines, at, key, image)
                item = found_item(located(image, first + at), origin, f"EventBus {key}")
                found += [dataclasses.replace(item, kind=_KIND)] if item else []
    return found


def controller_config_images(doc: object, origin: str) -> list[Found]:
    """The executor and artifact driver images of an Argo Workflows controller ConfigMap, and the EventBus images of
    an Argo Events one (see the module)."""
    if not isinstance(doc, dict) or doc.get("kind") != "ConfigMap" or not isinstance(doc.get("data"), dict):
        return []
    metadata = doc.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("name") != CONTROLLER_CONFIGMAP:
        return [item for block in doc["data"].values() for item in _eventbus_images(block, origin)]
    found: list[Found] = []
    for key in ("executor", "artifactDrivers"):
        block = doc["data"].get(key)
        if not isinstance(block, str) or "image" not in block:
            continue
        try:
            parsed = yaml.safe_load(block)
        except LOAD_ERRORS:
            continue
        first = (line_of(block) or 0) + 1  # a block scalar's text starts on the line after its key
        for container in _containers(key, parsed):
            image = container.get("image")
            if not isinstance(image, str) or container.get("imagePullPolicy") == "Never":
                continue
            item = found_item(located(image, _line(block, first, image)), origin, f"{key} image")
            found += [dataclasses.replace(item, kind=_KIND)] if item else []
    return found
