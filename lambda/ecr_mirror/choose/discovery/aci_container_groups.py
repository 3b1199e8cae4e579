"""Azure Container Instances container group files (pure).

`az container create --file group.yaml` deploys a container group described in YAML
(https://learn.microsoft.com/en-us/azure/container-instances/container-instances-reference-yaml): a mapping with an
`apiVersion` that is the resource provider's API version, a date (`'2021-10-01'`, `2019-12-01-preview`), and
`properties`, whose `containers` and `initContainers` are lists of `{name, properties: {image, ...}}`. Azure pulls
each container's `properties.image` when it starts the group: read at the image's line. A file is one when a document
has that shape; a Kubernetes document (`apiVersion: v1` with a `kind`) is not, nor a mapping of another tool that
holds `properties.containers` without such an `apiVersion`.
"""

from __future__ import annotations

import dataclasses
import re

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found

_API_VERSION_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:-preview)?")
_KIND = "ACI container group"


def _is_group(doc: object) -> bool:
    """Whether a YAML document is a container group: a dated `apiVersion` and `properties.containers`."""
    if not isinstance(doc, dict) or "kind" in doc:
        return False
    properties = doc.get("properties")
    return (
        _API_VERSION_RE.fullmatch(str(doc.get("apiVersion", "")).strip()) is not None
        and isinstance(properties, dict)
        and isinstance(properties.get("containers"), list)
    )


def container_group_images(documents: list[object], origin: str) -> list[Found] | None:
    """The images of the container groups among a YAML file's documents; None when none is one."""
    groups = [doc for doc in documents if _is_group(doc)]
    if not groups:
        return None
    found: list[Found] = []
    for group in groups:
        assert isinstance(group, dict)
        properties = group["properties"]
        for key in ("initContainers", "containers"):
            containers = properties.get(key)
            for container in containers if isinstance(containers, list) else []:
                settings = container.get("properties") if isinstance(container, dict) else None
                item = found_item(settings.get("image"), origin, key) if isinstance(settings, dict) else None
                found += [dataclasses.replace(item, kind=_KIND)] if item is not None else []
    return found
