"""The Dockerfiles whose `ARG`s without a default an env file beside them fills, read again with its values.

A build script that turns each `KEY=VALUE` line of `build/<image>/build.env` into `--build-arg KEY=VALUE` (a `while
read` loop over the file, `--build-arg` words collected in an array) builds the Dockerfile of that folder with those
values: `ARG PHP_IMAGE_URL` with no default, then `FROM ${PHP_IMAGE_URL}`, pulls what the env file says. The loop
itself is known only when it runs; read instead: a `*.env` file (or `.env`) in the Dockerfile's own folder whose name a
script, Makefile or CI file of the tree mentions, and only for the `ARG`s that have no default (`unresolved` here);
an `ARG` with a default keeps it. The values are read as compose reads a `.env` (dotenv.py).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from ecr_mirror.choose.discovery.dockerfile import arg_without_default, dockerfile_images
from ecr_mirror.choose.discovery.dotenv import parse_dotenv
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.cli.discover_builds import merge_builds

Reader = Callable[[str, Path], str | None]


def _env_files(folder: str) -> list[str]:
    """The `*.env` files (and `.env`) of a folder, by name."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder or ".") if entry.is_file())
    except OSError:
        return []
    return [name for name in names if name.endswith(".env")]


def env_file_built_images(found: list[Found], texts: Mapping[str, str], read: Reader) -> list[Found]:
    """The images the Dockerfiles among `found` with `ARG`s that have no default pull with the values an env file
    beside them gives those names, where a file of `texts` (scripts, CI files) names that env file."""
    missing: dict[str, set[str]] = {}
    for item in found:
        if item.kind == "Dockerfile" and (name := arg_without_default(item.problem)) is not None:
            missing.setdefault(item.origin, set()).add(name)
    out: list[Found] = []
    for dockerfile, names in sorted(missing.items()):
        folder = os.path.dirname(dockerfile)
        given: dict[str, str] = {}
        for name in _env_files(folder):
            if not any(name in text for text in texts.values()):
                continue  # an env file nothing of the tree names
            shown = os.path.join(folder, name)
            values = parse_dotenv(read(shown, Path(shown)) or "")
            given |= {key: value for key, value in values.items() if key in names and value}
        text = read(dockerfile, Path(dockerfile)) if given else None
        for item in dockerfile_images(text, dockerfile, given) if text is not None else []:
            out.append(dataclasses.replace(item, use=f"{item.use} (with {', '.join(sorted(given))} of an env file)"))
    return [item for item in out if item.problem is None]


def with_env_file_builds(found: list[Found], texts: Mapping[str, str], read: Reader) -> list[Found]:
    """`found` with the uses the env files resolve replacing their unresolved reading (merge_builds)."""
    return merge_builds(found, env_file_built_images(found, texts, read))
