"""The images cross runs a Rust build in, from its configuration (pure).

cross (https://github.com/cross-rs/cross, docs/config_file.md) builds and tests each target inside a container: the
image of `target.TARGET.image` (a string, or a table whose `name` is the image: `image.name = "..."`), else its own
default for the target, which the file does not name and which depends on the cross version that runs. With zig,
`build.zig.image` and `target.TARGET.zig.image` name the image holding zig. cross reads `Cross.toml` at the
project's root, and the same tables under `package.metadata.cross` or `workspace.metadata.cross` in `Cargo.toml`.
A `dockerfile` or `pre-build` makes cross build an image on top of one: the Dockerfile is read by the walk as any
other. A value that is not a string is unresolved on its line; a file that is not TOML is an error naming it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

_HEADER_RE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY_RE = re.compile(r"""^\s*((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*=""")
_CARGO_TABLES = (("package", "metadata", "cross"), ("workspace", "metadata", "cross"))


def _path(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", dotted))


def _lines(text: str) -> dict[tuple[str, ...], int]:
    """The line each key is written on, by its whole dotted path (`target.x.image`): table headers and `key =`
    lines, as written (an inline table's keys are not on lines of their own: its key's line is used)."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("[["):
            table = ("[[]]",)  # an array of tables (`[[bin]]`): none of cross's keys are under one
        elif (header := _HEADER_RE.match(line)) is not None:
            table = _path(header.group(1))
            lines.setdefault(table, number)
        elif (key := _KEY_RE.match(line)) is not None:
            lines.setdefault(table + _path(key.group(1)), number)
    return lines


def _images(config: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path under the configuration, value) of each image the configuration names, in the file's order."""
    for section, value in config.items():
        if section == "build" and isinstance(value, dict) and isinstance(value.get("zig"), dict):
            if "image" in value["zig"]:
                yield ("build", "zig", "image"), value["zig"]["image"]
        elif section == "target" and isinstance(value, dict):
            for target, settings in value.items():
                if not isinstance(settings, dict):
                    continue
                if "image" in settings:
                    image = settings["image"]
                    if isinstance(image, dict) and "name" in image:
                        yield ("target", target, "image", "name"), image["name"]
                    else:
                        yield ("target", target, "image"), image
                if isinstance(settings.get("zig"), dict) and "image" in settings["zig"]:
                    yield ("target", target, "zig", "image"), settings["zig"]["image"]


def _configurations(document: dict[str, Any], origin: str) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(where in the file, table) of cross's configuration: the whole `Cross.toml`, or `Cargo.toml`'s
    `package.metadata.cross` and `workspace.metadata.cross`."""
    if PurePath(origin).name.lower() != "cargo.toml":
        yield (), document
        return
    for path in _CARGO_TABLES:
        table: Any = document
        for part in path:
            table = table.get(part) if isinstance(table, dict) else None
        if isinstance(table, dict):
            yield path, table


def cross_images(text: str, origin: str) -> list[Found]:
    """The images of a `Cross.toml` (or of the cross tables of a `Cargo.toml`), in the file's order."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    lines = _lines(text)
    found: list[Found] = []
    for prefix, config in _configurations(document, origin):
        for path, value in _images(config):
            whole = prefix + path
            line = lines.get(whole) or lines.get(whole[:-1])
            use = ".".join(path[:-1] if path[-1] == "name" else path)
            if isinstance(value, str):
                found.append(Found(value.strip(), origin, line, None, use))
            else:
                problem = f"{use} is not a string: cross cannot run it as an image"
                found.append(Found(str(value), origin, line, problem, use))
    return sorted(found, key=lambda item: item.line or 0)
