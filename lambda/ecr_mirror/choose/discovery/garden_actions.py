"""The images of Garden's container actions (pure).

Garden (https://docs.garden.io) reads its configuration from files named `garden.yml` or ending in `.garden.yml`
(`.yaml` too; https://docs.garden.io/using-garden/configuration-overview), each document one action: `kind: Deploy`,
`Run` or `Test` with `type: container` runs a container of `spec.image`, "an image ID to deploy; should be a valid
Docker image identifier" (https://docs.garden.io/reference/action-types/deploy/container#spec.image), pulled by the
cluster: garden's `examples/vote/postgres/garden.yml`, `spec: {image: postgres:11.7-alpine}`. Read: that value when
it is a literal, at its line, kind `Garden action`. Not read: a `${...}` template (`${actions.build.api.outputs.
deploymentImageId}`, the image a Build action of the project builds, or a variable known when Garden resolves it),
actions of another type (`helm`, `kubernetes`: their charts and manifests are read as such), `kind: Build`, the
`image` of a `kind: Module` (an image name the module pushes when a Dockerfile is beside it: a limit), and the same
shape in a file of another name.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found

KIND = "Garden action"
_NAME_RE = re.compile(r"(?:^|\.)garden\.ya?ml$")
_RUNNING_KINDS = frozenset({"Deploy", "Run", "Test"})


def _is_container_action(doc: object) -> bool:
    return (
        isinstance(doc, dict)
        and doc.get("kind") in _RUNNING_KINDS
        and doc.get("type") == "container"
        and isinstance(doc.get("name"), str)
        and isinstance(doc.get("spec"), dict)
    )


def garden_action_images(documents: list[object], origin: str) -> list[Found] | None:
    """The literal images of the container actions among `documents` of a Garden configuration file; None when the
    file is not one or holds none."""
    if not _NAME_RE.search(posixpath.basename(origin).lower()) or not any(map(_is_container_action, documents)):
        return None
    found: list[Found] = []
    for doc in documents:
        if not isinstance(doc, dict) or not _is_container_action(doc):
            continue
        image = doc["spec"].get("image")
        if isinstance(image, str) and "${" not in image and (item := found_item(image, origin, "spec.image")):
            found.append(dataclasses.replace(item, kind=KIND))
    return found
