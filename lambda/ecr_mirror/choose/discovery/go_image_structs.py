"""An image a Go composite literal gives as a repository and a tag (pure).

Operators type the image of their custom resources as a struct, as Helm values write `image: {repository, tag}`:
`Image: v1.ImageSpec{Repository: "acme/broker", Tag: "2.4.1"}`, and emqx-operator's `Image: appsv1beta4.EmqxImage{
Repository: "emqx/emqx-ee", Version: "4.4.18"}`, which the operator joins as `emqx/emqx-ee:4.4.18` for the pod it
creates. Read: the struct given to a field named for an image (go_e2e_images.py finds the field), its `Repository`
field and its `Tag` field (else its `Version` field), each one value (a literal, a bound name, a `+` join), the
repository without a tag or digest of its own. A struct lacking either takes the operator's default for it, which only
the operator's code says: not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# a composite literal, of a type of the package or another (`v1.ImageSpec{`), or its address (`&v1.ImageSpec{`)
_STRUCT_RE = re.compile(r"&?[ \t]*(?:[A-Za-z_]\w*\.)?[A-Za-z_]\w*[ \t]*\{")
_KEY_RE = re.compile(r"(?<![\w.])(Repository|Tag|Version)[ \t]*:[ \t]*")
_TAGGED_RE = re.compile(r"@|:[^/]*$")

Values = Callable[[int], set[str] | None]  # the values of the expression at an offset, None when not known


def _closing(text: str, start: int) -> int:
    """The offset of the `}` closing the literal whose body starts at `start`, -1 when there is none."""
    depth = 0
    for position in range(start, min(len(text), start + 4000)):
        character = text[position]
        if character == "{":
            depth += 1
        elif character == "}":
            if not depth:
                return position
            depth -= 1
    return -1


def struct_image(text: str, at: int, values: Values) -> tuple[str, int] | None:
    """(`repository:tag`, the offset of its `Repository` field) of the struct literal at `at` (after an image
    field's `:`), None when it is no such struct or a value is not one known string."""
    struct = _STRUCT_RE.match(text, at)
    end = _closing(text, struct.end()) if struct else -1
    if struct is None or end < 0:
        return None
    fields: dict[str, tuple[set[str] | None, int]] = {}
    for key in _KEY_RE.finditer(text, struct.end(), end):
        opened, closed = text.count("{", struct.end(), key.start()), text.count("}", struct.end(), key.start())
        if opened == closed:  # a field of the struct, not of one nested in it
            fields.setdefault(key.group(1), (values(key.end()), key.start()))
    repository, tag = fields.get("Repository"), fields.get("Tag") or fields.get("Version")
    if repository is None or tag is None or repository[0] is None or tag[0] is None:
        return None
    if len(repository[0]) != 1 or len(tag[0]) != 1:
        return None
    name, version = next(iter(repository[0])).strip(), next(iter(tag[0])).strip()
    if not name or not version or _TAGGED_RE.search(name):
        return None
    return f"{name}:{version}", repository[1]
