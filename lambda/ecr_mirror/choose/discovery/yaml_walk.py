"""Every entry of a loaded YAML (or JSON) document, depth first in document order (pure).

A YAML alias makes two places hold one node; each node is walked once, so a document of nested aliases (an "alias
bomb") costs its size, not its expansion. The readers that want every value under some key (`image`, a key naming
an image, an operator's `RELATED_IMAGE_*` entry) walk with this.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def entries(node: object, seen: set[int] | None = None) -> Iterator[tuple[dict[Any, Any] | list[Any], Any, Any]]:
    """(the mapping or list, its key or index, the value) of each entry under `node`, each entry before those
    nested in its value."""
    seen = set() if seen is None else seen
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    for key, child in node.items() if isinstance(node, dict) else enumerate(node):
        yield node, key, child
        yield from entries(child, seen)


def without_schema_examples(doc: object) -> object:
    """A CustomResourceDefinition without the `example`/`examples` samples of its schemas (documentation, not images
    pulled: `sidecars.items.example.image: image`); their `default`s, which the API server applies, are kept. An
    aliased node is copied once."""
    if not isinstance(doc, dict) or doc.get("kind") != "CustomResourceDefinition":
        return doc
    copies: dict[int, object] = {}

    def pruned(node: object) -> object:
        if not isinstance(node, dict | list) or id(node) in copies:
            return copies.get(id(node), node)
        if isinstance(node, dict):
            mapping: dict[Any, Any] = {}
            copies[id(node)] = mapping  # before its children: a node that holds itself is copied once
            mapping.update((key, pruned(value)) for key, value in node.items() if key not in ("example", "examples"))
            return mapping
        items: list[Any] = []
        copies[id(node)] = items
        items.extend(pruned(value) for value in node)
        return items

    return pruned(doc)
