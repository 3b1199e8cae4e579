"""Keys of an image's values that a chart's named template prints alone, as the whole image, when they are set
(pure).

Kong's chart takes an image as `repository` and `tag`, or as one string: `{{- define "kong.getRepoTag" -}}` / `{{- if
.unifiedRepoTag }}` / `{{- .unifiedRepoTag }}` / `{{- else if .repository }}` / `{{- .repository }}:{{ .tag }}`,
given the image's values (`image: {{ include "kong.getRepoTag" .Values.image }}`). A branch that prints the key it
tests and nothing else renders that value as it is (`{{-` trims the white space before it,
https://pkg.go.dev/text/template#hdr-Text_and_spaces): `image: {unifiedRepoTag: kong:3.4}` is `kong:3.4`.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found

_DEFINE_RE = re.compile(r"\{\{-?\s*define\s+\"(?P<name>[^\"]+)\"\s*-?\}\}")
# `{{- if .KEY }}` then, with only white space a trim marker takes out between them, `{{- .KEY }}`, and the branch's
# end or `else` right after it
_PRINTED_ALONE_RE = re.compile(
    r"\{\{-?\s*if\s+\.(?P<key>[A-Za-z_]\w*)\s*-?\}\}\s*\{\{-\s*\.(?P=key)\s*-?\}\}\s*\{\{-?\s*(?:else|end)\b"
)


@functools.lru_cache(maxsize=8)
def _printing(templates: str) -> dict[str, frozenset[str]]:
    """Named template -> the keys of its argument it prints alone when they are set."""
    starts = list(_DEFINE_RE.finditer(templates))
    found: dict[str, frozenset[str]] = {}
    for at, define in enumerate(starts):
        body = templates[define.end() : starts[at + 1].start() if at + 1 < len(starts) else len(templates)]
        keys = frozenset(match["key"] for match in _PRINTED_ALONE_RE.finditer(body))
        if keys:
            found[define["name"]] = keys
    return found


def whole_image_keys(path: tuple[str, ...], templates: str) -> frozenset[str]:
    """The keys of the values at `path` that a named template given them (`include "x" .Values.PATH`) prints alone."""
    printing = _printing(templates) if "define" in templates else {}
    if not printing or not path:
        return frozenset()
    dotted = re.escape(".".join(path))
    keys: set[str] = set()
    for name, printed in printing.items():
        call = rf"\b(?:include|template)\s+\"{re.escape(name)}\"\s+\(?\s*\$?\.Values\.{dotted}(?![\w.])"
        if re.search(call, templates):
            keys |= printed
    return frozenset(keys)


def whole_key_images(
    node: dict[object, object], path: tuple[str, ...], templates: str, origin: str, kind: str
) -> list[Found]:
    """The images the keys of `node`, the values at `path`, name that a named template prints alone."""
    values = [node.get(key) for key in sorted(whole_image_keys(path, templates))]
    items = [found_item(value, origin, "values image") for value in values if isinstance(value, str)]
    return [dataclasses.replace(item, kind=kind) for item in items if item]
