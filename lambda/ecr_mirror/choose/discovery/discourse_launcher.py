"""Discourse launcher container definitions (pure).

discourse_docker's `launcher` (https://github.com/discourse/discourse_docker#container-configuration) bootstraps a
container from a YAML definition, `containers/app.yml`, merged with the templates it lists (`templates:`): its
`base_image` is the image `launcher bootstrap` pulls and builds the container from (`$docker_path pull $image` with
`image=$base_image`), and `run_image` one `launcher start` runs in place of the image it built. A definition is a
mapping whose keys are all the launcher's own (`templates`, `params`, `env`, `volumes`, `hooks`, `run`, ...), one
of them `base_image` or `run_image`; YAML of any other shape is not one.
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found

_IMAGE_KEYS = ("base_image", "run_image")
# the keys launcher reads from a definition, and pups' (`params`, `hooks`, `run`)
_KEYS = frozenset(
    {
        *_IMAGE_KEYS,
        "templates",
        "update_pups",
        "boot_command",
        "no_boot_command",
        "docker_args",
        "expose",
        "params",
        "env",
        "labels",
        "volumes",
        "links",
        "hooks",
        "run",
    }
)
_KIND = "Discourse launcher definition"


def is_launcher_definition(doc: object) -> bool:
    return (
        isinstance(doc, dict)
        and all(isinstance(key, str) and key in _KEYS for key in doc)
        and any(isinstance(doc.get(key), str) for key in _IMAGE_KEYS)
    )


def launcher_images(documents: list[object], origin: str) -> list[Found] | None:
    """The images of the launcher definitions among `documents`; None when none is one."""
    if not any(is_launcher_definition(doc) for doc in documents):
        return None
    found: list[Found] = []
    for doc in documents:
        if isinstance(doc, dict) and is_launcher_definition(doc):
            items = (found_item(doc.get(key), origin, key) for key in _IMAGE_KEYS)
            found += [dataclasses.replace(item, kind=_KIND) for item in items if item]
    return found
