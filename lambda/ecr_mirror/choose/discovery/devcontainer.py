"""Images named by a dev container definition (`devcontainer.json`, `.devcontainer.json`) (pure).

JSON with comments and trailing commas (https://containers.dev/implementors/json_reference/): the `image` property.
A definition with `build.dockerfile` or `dockerComposeFile` names files the walk reads as such. Features
(`ghcr.io/devcontainers/features/...`) are OCI artifacts, not images, and are not listed.
"""

from __future__ import annotations

import json
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

_TOKEN_RE = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.DOTALL)


def _strip(text: str) -> str:
    """Comments and trailing commas out, strings untouched."""
    return _TOKEN_RE.sub(lambda match: match.group() if match.group().startswith('"') else "", text)


def devcontainer_images(text: str, origin: str) -> list[Found]:
    try:
        doc = json.loads(_strip(text))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{origin}: not valid JSON (with comments): {exc}") from exc
    image = doc.get("image") if isinstance(doc, dict) else None
    if not isinstance(image, str) or not image.strip():
        return []
    line = next((n for n, text_line in enumerate(text.splitlines(), 1) if '"image"' in text_line), None)
    return [Found(image.strip(), origin, line, use="image")]
