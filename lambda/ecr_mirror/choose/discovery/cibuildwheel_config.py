"""The Linux build images cibuildwheel's configuration file names (pure).

cibuildwheel builds each Linux wheel in a container of the image its `manylinux-<arch>-image` or
`musllinux-<arch>-image` option names, which it pulls (https://cibuildwheel.pypa.io/en/stable/options/#linux-image).
The options are read from `pyproject.toml`'s `[tool.cibuildwheel]` table, its platform table `[tool.cibuildwheel.linux]`
and the `[[tool.cibuildwheel.overrides]]` entries, or from a TOML file of the same tables given with `--config-file`
(`cibuildwheel.toml`) (https://cibuildwheel.pypa.io/en/stable/options/#configuration-file). A value holding a `/` is
an image (`ghcr.io/acme/manylinux:2_28_vcpkg`); a pinned name (`manylinux_2_28`) selects the image the cibuildwheel
version that runs pins, which the file does not say, and is not read. A `pyproject.toml` that does not name
cibuildwheel is another tool's settings and is not parsed; one that does and is not TOML is an error naming it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

_OPTION_RE = re.compile(r"(?:many|musl)linux-[\w-]+-image")


def _tables(config: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The tables of cibuildwheel's configuration that may set a Linux image: the whole, `linux`, each override."""
    yield config
    if isinstance(linux := config.get("linux"), dict):
        yield linux
    for override in config.get("overrides", []) if isinstance(config.get("overrides"), list) else []:
        if isinstance(override, dict):
            yield override


def cibuildwheel_images(text: str, origin: str) -> list[Found]:
    """The images of a `pyproject.toml`'s or a cibuildwheel config file's Linux image options, in the file's order."""
    if "cibuildwheel" not in text:
        return []
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    tool = document.get("tool")
    config = tool.get("cibuildwheel") if isinstance(tool, dict) else None
    if not isinstance(config, dict):
        return []
    lines = text.splitlines()
    found: list[Found] = []
    for table in _tables(config):
        for key, value in table.items():
            if not _OPTION_RE.fullmatch(key) or not isinstance(value, str) or "/" not in value:
                continue
            written = re.compile(rf"^\s*{re.escape(key)}\s*=\s*[\"']{re.escape(value)}[\"']")
            line = next((number for number, text in enumerate(lines, 1) if written.match(text)), None)
            found.append(Found(value.strip(), origin, line, None, f"{key} (cibuildwheel)"))
    return sorted({(item.line, item.text): item for item in found}.values(), key=lambda item: item.line or 0)
