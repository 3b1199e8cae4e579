"""The images an Azure Pipelines file runs its jobs in (pure).

https://learn.microsoft.com/en-us/azure/devops/pipelines/process/container-phases and
https://learn.microsoft.com/en-us/azure/devops/pipelines/process/service-containers: a container resource
(`resources.containers[].image`), a job's `container:` (a resource's alias, an image written inline, or a mapping
with `image:`) and its `services:` (each an alias or an image). An alias of a resource is that resource's image,
listed once. The `docker run` lines of `script:` / `bash:` steps are read with the other CI steps
(cli/discover_scripts.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents


def _aliases(doc: dict[Any, Any]) -> set[str]:
    resources = doc.get("resources")
    containers = resources.get("containers") if isinstance(resources, dict) else None
    return {str(entry["container"]) for entry in containers or () if isinstance(entry, dict) and "container" in entry}


def _containers(node: object, seen: set[int]) -> Iterator[tuple[object, str]]:
    """(value, use) of every `container:` and each value of every `services:` mapping, anywhere in the file."""
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    for key, child in node.items() if isinstance(node, dict) else enumerate(node):
        if key == "container" and not (isinstance(node, dict) and "image" in node):
            yield child, "container"
        elif key == "services" and isinstance(child, dict):
            yield from ((value, "services") for value in child.values())
        else:
            yield from _containers(child, seen)


def azure_pipelines_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        resources = doc.get("resources")
        for entry in (resources.get("containers") if isinstance(resources, dict) else None) or ():
            item = found_item(entry.get("image") if isinstance(entry, dict) else None, origin, "resources container")
            found += [item] if item else []
        aliases = _aliases(doc)
        for value, use in _containers(doc, set()):
            image = value.get("image") if isinstance(value, dict) else value
            if isinstance(image, str) and image.strip() not in aliases:
                item = found_item(image, origin, use)
                found += [item] if item else []
    return found
