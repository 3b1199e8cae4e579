"""The image a Fly.io app configuration deploys (pure).

`fly deploy` reads `fly.toml` (or the file `--config` names: `fly.staging.toml`, `fly-mailpit.toml` by the same
convention) and deploys `[build] image` as it is, pulled from its registry; a `[build] dockerfile`, a `builder` or
neither (the Dockerfile beside the file) builds the app instead, whose Dockerfile the walk reads as any other
(https://fly.io/docs/reference/configuration/#the-build-section). A value that is not a string is unresolved on its
line; a file that is not TOML is an error naming it.
"""

from __future__ import annotations

import re
import tomllib

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

NAME_RE = re.compile(r"^fly(?:[.-][\w.-]+)?\.toml$")  # `fly.toml`, `fly.staging.toml`, `fly-mailpit.toml`
_HEADER_RE = re.compile(r"^\s*\[\s*(?P<table>[^\[\]]+?)\s*\]")
_IMAGE_RE = re.compile(r"^\s*(?P<key>(?:build\s*\.\s*)?image)\s*=")
USE = "[build] image"


def _line(text: str) -> int | None:
    """The line of `image` in the `[build]` table, or of a top-level `build.image`."""
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if (header := _HEADER_RE.match(line)) is not None:
            table = header["table"].replace(" ", "")
        elif (key := _IMAGE_RE.match(line)) is not None:
            dotted = key["key"].startswith("build")
            if (dotted and table == "") or (not dotted and table == "build"):
                return number
    return None


def fly_images(text: str, origin: str) -> list[Found]:
    """The image of a Fly.io configuration's `[build] image`, when it has one."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    build = document.get("build")
    if not isinstance(build, dict) or "image" not in build:
        return []
    image, line = build["image"], _line(text)
    if isinstance(image, str) and image.strip():
        return [Found(image.strip(), origin, line, None, USE)]
    return [Found(str(image), origin, line, "[build] image is not an image name: fly deploy cannot deploy it", USE)]
