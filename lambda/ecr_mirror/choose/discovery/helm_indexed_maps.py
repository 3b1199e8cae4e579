"""Maps of a chart's values whose entries are whole images, one of which a template picks by a key (pure).

Some charts keep every image as a full reference in one map, `images: {tags: {api: quay.io/airshipit/keystone:
2026.1-ubuntu_noble, rabbit_init: docker.io/rabbitmq:4.3.5-management}}`, and render a container's image with Go
templates' `index` of that map by a key each call passes: OpenStack-Helm's helm-toolkit binds `{{- $imageTag := index
$envAll.Values.images.tags $image -}}` in its `helm-toolkit.snippets.image` named template, then prints `image: {{
$imageTag | quote }}`, called `{{ tuple $envAll "api" | include "helm-toolkit.snippets.image" }}` by each service
chart. `index` returns the map's value at the key (https://pkg.go.dev/text/template#hdr-Functions), so every entry of
the map is an image some call may render; an `index` by a literal key (`index .Values.images "api"`) picks that entry
alone. A map no template line indexes so is not read: nothing says its strings are images.
"""

from __future__ import annotations

import bisect
import functools
import re

# `{{- $imageTag := index $envAll.Values.images.tags $image -}}`: a variable bound to an entry of a values map
_BOUND_RE = re.compile(
    r"\{\{-?\s*(?P<var>\$\w+)\s*:?=\s*index\s+(?:\$\w*)?\.Values\.(?P<path>[\w.]+)\s+(?P<key>\$\w+|\"[^\"]*\")\s*-?\}\}"
)
# `image: {{ index .Values.images.tags $name | quote }}`: an entry printed at once as the image
_PRINTED_RE = re.compile(
    r"\bimage:\s*[\"']?\{\{-?\s*index\s+(?:\$\w*)?\.Values\.(?P<path>[\w.]+)\s+(?P<key>\$\w+|\"[^\"]*\")"
    r"\s*(?:\|\s*quote\s*)?-?\}\}"
)
_DEFINE_RE = re.compile(r"\{\{-?\s*define\s+\"")


# `image: {{ $imageTag | quote }}`: an `image:` line whose value is a variable alone (quoted or not)
_PRINTED_VAR_RE = re.compile(r"\bimage:\s*[\"']?\{\{-?\s*(?P<var>\$\w+)\s*(?:\|\s*quote\s*)?-?\}\}")


def _keys(key: str) -> frozenset[str] | None:
    """None (every key) for a variable; the literal key otherwise."""
    return None if key.startswith("$") else frozenset({key.strip('"')})


def _merge(found: dict[tuple[str, ...], frozenset[str] | None], path: str, keys: frozenset[str] | None) -> None:
    where = tuple(path.split("."))
    before = found.get(where, frozenset())
    found[where] = None if before is None or keys is None else before | keys


@functools.lru_cache(maxsize=8)
def indexed_maps(templates: str) -> dict[tuple[str, ...], frozenset[str] | None]:
    """Values path -> the keys of the map there whose entries template lines render as images (None: all of them)."""
    found: dict[tuple[str, ...], frozenset[str] | None] = {}
    if "index" not in templates:
        return found
    for printed in _PRINTED_RE.finditer(templates):
        _merge(found, printed["path"], _keys(printed["key"]))
    defines = [define.start() for define in _DEFINE_RE.finditer(templates)]
    alone: dict[str, list[int]] = {}  # each variable -> where `image:` lines print it alone, in order
    for line in _PRINTED_VAR_RE.finditer(templates):
        alone.setdefault(line["var"], []).append(line.start())
    for bound in _BOUND_RE.finditer(templates):
        after = bisect.bisect_right(defines, bound.end())
        end = defines[after] if after < len(defines) else len(templates)  # its scope: up to the next named template
        lines = alone.get(bound["var"], [])
        first = bisect.bisect_left(lines, bound.end())
        if first < len(lines) and lines[first] < end:
            _merge(found, bound["path"], _keys(bound["key"]))
    return found


def indexed_entries(node: dict[object, object], path: tuple[str, ...], templates: str) -> list[object]:
    """The entries of the values map `node` at `path` that template lines render as images."""
    maps = indexed_maps(templates) if path else {}
    if path not in maps:
        return []
    keys = maps[path]
    return [value for key, value in node.items() if isinstance(value, str) and (keys is None or str(key) in keys)]
