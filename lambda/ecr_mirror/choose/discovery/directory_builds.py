"""Images a tree builds one per directory, named `REGISTRY/NAMESPACE/DIRECTORY` by its own build tool (pure).

A monorepo of many images keeps each in a directory of one folder, `apps/NAME/Dockerfile`, and its own build script
(not a Makefile or CI step whose `docker build -t` is read, but a program: a Python `build.py` that walks `apps/`)
builds each as `gcr.io/acme/NAME:latest`, in the order their `FROM gcr.io/acme/PARENT:latest` lines give; the
children then build on the parent just built, and its test compose files run `image: gcr.io/acme/NAME:latest`, the
local tag. Where at least `_LEAST` Dockerfiles of one folder (`apps/*/Dockerfile`) name as parents distinct
directories of that folder that hold their own Dockerfile, all under one `REGISTRY/NAMESPACE`, each use anywhere in
the tree of `REGISTRY/NAMESPACE/NAME` tagged `latest` (or untagged, a local build's default tag) whose NAME is such a
directory (`FROM`, a test compose file's `image:`, a script's `docker run`) is built here, not pulled. Another tag
(`:release`, `:v1.2`, a published tag) is a pull, and so is a lone parent (one published by another job and pulled
by its tag).
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterable

from ecr_mirror.choose.discovery.found import DOCKERFILE_KIND, Found

_LEAST = 3  # distinct directory parents a folder's Dockerfiles name under one namespace


def _parts(text: str) -> tuple[str, str] | None:
    """(`REGISTRY/NAMESPACE`, NAME) of a `latest` or untagged three-part name with a registry host, else None."""
    if "@" in text or "$" in text:
        return None
    name, _, tag = text.rpartition(":") if ":" in text.rsplit("/", 1)[-1] else (text, "", "latest")
    parts = name.split("/")
    if tag != "latest" or len(parts) != 3 or not ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        return None
    return "/".join(parts[:2]), parts[2]


def _folder(origin: str) -> tuple[str, str]:
    """(the folder holding a file's directory, the directory's name): `apps/web/Dockerfile` -> (`apps`, `web`)."""
    directory = posixpath.dirname(origin.replace("\\", "/"))
    return posixpath.dirname(directory), posixpath.basename(directory)


def directory_built(found: Iterable[Found]) -> list[Found]:
    """`found`, each use of an image the tree builds from one of its directories (see the module) marked built."""
    items = list(found)
    dockerfiles: dict[str, set[str]] = {}  # folder -> the directories in it that hold a Dockerfile
    for item in items:
        if item.kind == DOCKERFILE_KIND:
            folder, directory = _folder(item.origin)
            dockerfiles.setdefault(folder, set()).add(directory)
    parents: dict[tuple[str, str], set[str]] = {}  # (folder, REGISTRY/NAMESPACE) -> the directory names it names
    for item in items:
        parts = _parts(item.text) if item.kind == DOCKERFILE_KIND and item.problem is None else None
        folder, directory = _folder(item.origin)
        if parts is not None and parts[1] != directory and parts[1] in dockerfiles.get(folder, set()):
            parents.setdefault((folder, parts[0]), set()).add(parts[1])
    namespaces = {key for key, names in parents.items() if len(names) >= _LEAST}
    if not namespaces:
        return items
    out: list[Found] = []
    for item in items:
        parts = _parts(item.text) if item.problem is None and item.built is None else None
        hit = next((f for f, space in namespaces if parts and space == parts[0] and parts[1] in dockerfiles[f]), None)
        where = f"the tree's {posixpath.join(hit, parts[1], 'Dockerfile')}" if hit is not None and parts else None
        out.append(dataclasses.replace(item, built=where) if where else item)
    return out
