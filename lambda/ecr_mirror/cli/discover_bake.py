"""The bake projects of the tree: the bake files of one directory read as one project (choose/discovery/bake.py).

`docker buildx bake` reads, from the directory it runs in, docker-bake.json, docker-bake.hcl, then
docker-bake.override.json and docker-bake.override.hcl, a later file's values winning
(https://docs.docker.com/build/bake/reference/#file-format); other `docker-bake.*.hcl` files (given with `-f`)
are read after them. A bake file of another name (`tests/build.hcl`, known by its `target` blocks) is given alone with
`-f`, often from the repository's top: it is read as a project of its own, and its targets' Dockerfiles are looked
up from its directory, then up to three directories above it (as a script's `docker build` paths are); so are those
of default-named files whose targets' Dockerfiles are not found from their own directory (`docker buildx bake -f
docker/docker-bake.hcl` run from the top, `context = "docker"`). Each target's
Dockerfile is read again with the target's `args`; in it, a `FROM` naming one of the target's named `contexts` is no
image of its own (the context's image, if it is one, is listed from the bake file). A bake file this reader cannot
read is a warning naming it, and the others are still read.
"""

from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ecr_mirror.choose.discovery.bake import bake_project
from ecr_mirror.choose.discovery.bake_files import read_bake
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import is_default_bake_name
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.cli.discover_builds import locate_dockerfile
from ecr_mirror.errors import ConfigError

Reader = Callable[[str, Path], str | None]
Shadow = tuple[str, int | None, str]
_ORDER = ("docker-bake.json", "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl")


@dataclass
class Baked:
    found: list[Found] = field(default_factory=list)  # the images named contexts pull
    from_builds: list[Found] = field(default_factory=list)  # the targets' Dockerfiles read with their args
    shadowed: set[tuple[str, int | None, str]] = field(default_factory=set)  # (file, line, text): named contexts
    tags: list[LocalBuild] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _order(shown: str) -> tuple[int, str]:
    name = os.path.basename(shown).lower()
    return (_ORDER.index(name) if name in _ORDER else len(_ORDER), name)


def bake_projects(files: list[tuple[str, str]], read: Reader) -> Baked:
    """`files`: (shown, text) of every bake file walked."""
    projects: dict[str, list[tuple[str, str]]] = {}  # a directory's default files, or one file given with -f
    for shown, text in files:
        key = os.path.dirname(shown) if is_default_bake_name(shown) else shown
        projects.setdefault(key, []).append((shown, text))
    out = Baked()
    for key, group in sorted(projects.items()):
        directory = os.path.dirname(group[0][0])
        alone = key == group[0][0]
        readable: list[tuple[str, str]] = []
        for shown, text in sorted(group, key=lambda pair: _order(pair[0])):
            try:
                read_bake(shown, text)
            except ConfigError as exc:
                out.warnings.append(f"{exc}; skipped")
                continue
            readable.append((shown, text))
        if not readable:
            continue
        project = bake_project(readable)
        out.found += project.found
        out.tags += project.tags
        out.warnings += project.warnings
        first = readable[0][0]
        for build in project.builds:
            path = os.path.normpath(os.path.join(directory, build.dockerfile))
            if build.inline is None and (alone or not Path(path).is_file()):
                # run from the repository's top (`-f docker/docker-bake.hcl`), or from its own directory
                path = locate_dockerfile(first, build.dockerfile) or path
            dockerfile = build.inline if build.inline is not None else read(path, Path(path))
            origin = f"{first} (dockerfile-inline)" if build.inline is not None else path
            if dockerfile is None:
                continue
            for item in dockerfile_images(dockerfile, origin, build.args):
                if item.text in build.named_contexts:
                    out.shadowed.add((os.path.normpath(item.origin), item.line, item.text))
                    continue
                use = f"{item.use} (built by {first})"
                out.from_builds.append(dataclasses.replace(item, use=use, kind="Dockerfile"))
        out.shadowed |= _variant_contexts(project.variants, first, read)
    return out


def _variant_contexts(variants: list[tuple[str, frozenset[str]]], first: str, read: Reader) -> set[Shadow]:
    """The `FROM NAME` lines of the Dockerfiles a target may build by a variable (`Dockerfile.${ARCH}`) that name one
    of its named contexts: no images of their own."""
    shadowed: set[Shadow] = set()
    for pattern, contexts in variants:
        tops = [os.path.dirname(first), ""]  # bake run from the file's directory, or from the top
        paths = [path for top in tops for path in sorted(glob.glob(os.path.join(top, pattern)))]
        for path in dict.fromkeys(os.path.normpath(path) for path in paths):
            text = read(path, Path(path))
            for item in dockerfile_images(text, path, {}) if text is not None else ():
                if item.text in contexts:
                    shadowed.add((os.path.normpath(item.origin), item.line, item.text))
    return shadowed


def without_shadowed(found: list[Found], shadowed: set[tuple[str, int | None, str]]) -> list[Found]:
    """`found` without the Dockerfile uses that name a bake target's named context (`FROM src`, `FROM alpine`)."""
    return [item for item in found if (os.path.normpath(item.origin), item.line, item.text) not in shadowed]
