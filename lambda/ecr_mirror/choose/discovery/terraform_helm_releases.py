"""The images a Terraform `helm_release` sets for its chart (pure).

The Helm provider's `set` entries give a chart's values (https://registry.terraform.io/providers/hashicorp/helm/latest/
docs/resources/release#set): `set { name = "image.repository" value = var.x.image.name }` beside `set { name =
"image.tag" ... }` (and an optional `.registry`), as blocks or in the provider's list form (`set = [{ name = ...,
value = ... }]`), name the image the release runs: `[registry/]repository:tag`, at the repository's line, its parts
resolved as any value of the module (terraform_values.py). A repository set without a tag takes the chart's default
tag, which the chart elsewhere decides: not listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, Text
from ecr_mirror.choose.discovery.terraform_hcl import Body

USE = "helm_release set image"
_DOTS_RE = re.compile(r"\s*\.\s*")


def _entries(release: Body) -> Iterator[tuple[Any, Any]]:
    """(name, value) of each `set` of a release: blocks, and the list form's objects."""
    for name, labels, value, _ in release:
        if name != "set" or labels:
            continue
        items = [value] if isinstance(value, Body) else value if isinstance(value, list) else []
        for item in items:
            pairs = {key: val for key, _, val, _ in item} if isinstance(item, Body) else item
            if isinstance(pairs, dict) and "name" in pairs and "value" in pairs:
                yield pairs["name"], pairs["value"]


def _part(value: Any) -> str | None:
    """A value written into a template string: a literal as it is, an expression as `${...}`."""
    if isinstance(value, Text):
        return value.raw
    if isinstance(value, Expr):
        return "${" + _DOTS_RE.sub(".", value.text) + "}"
    return None


def helm_release_images(body: Body) -> Iterator[Text]:
    """The image of each `*repository` a `helm_release` of `body` sets with a tag beside it, as a template string
    the module's values resolve, at the repository's line."""
    for name, labels, value, _ in body:
        if name != "resource" or labels[:1] != ["helm_release"] or not isinstance(value, Body):
            continue
        sets = {key.raw: val for key, val in _entries(value) if isinstance(key, Text)}
        for key, repository in sets.items():
            if not key.endswith("repository") or not isinstance(repository, Text | Expr):
                continue
            prefix = key[: -len("repository")]
            parts = [_part(sets.get(prefix + "registry")), _part(repository), _part(sets.get(prefix + "tag"))]
            if parts[1] is None or parts[2] is None:
                continue
            registry = f"{parts[0]}/" if parts[0] else ""
            yield Text(f"{registry}{parts[1]}:{parts[2]}", repository.line, repository.origin)
