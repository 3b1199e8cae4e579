"""A chart's values `image:` string written without a tag beside a key that holds one (pure).

`image: acme/fetcher` with `imageTag: v1.2.0` beside it (or `tag:`, `image_tag:`): the chart's templates join the two,
often through a named template that adds a registry from elsewhere in the values (`include "imageWithTag" (list
.Values.repository .Values.fetcher.image .Values.fetcher.imageTag)`). The bare name is not the image pulled
(`:latest` is not the tag); unless a template line made of values lookups renders it (helm_template_lines.py), what
the templates make of it is known only with `helm template`: unresolved.
"""

from __future__ import annotations

import re
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of

_TAG_KEY_RE = re.compile(r"(?:^|[a-z_-])(?:tag|Tag|TAG)$")  # `tag`, `imageTag`, `image_tag`, `IMAGE_TAG`


def _text(value: object) -> str:
    return "" if value is None or isinstance(value, dict | list | bool) else str(value).strip()


def tagged_elsewhere(node: dict[Any, Any], origin: str, kind: str) -> Found | None:
    """The unresolved `image:` string of the values mapping `node` when it has no tag and a key beside it holds one;
    None otherwise."""
    image = str(node["image"]).strip()
    if not image or "@" in image or ":" in image.rsplit("/", 1)[-1]:
        return None
    if not any(isinstance(k, str) and _TAG_KEY_RE.search(k) and _text(v) for k, v in node.items()):
        return None
    why = "the tag beside it is joined by the chart's templates (render the chart with `helm template`)"
    return Found(image, origin, line_of(node["image"]), why, "values image", kind)
