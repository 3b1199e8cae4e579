"""The chain of keys above a line of a chart's values file, from the top-level key down (pure).

A YAML mapping's parent is the nearest key line above with less indentation: in `monitoring:` / `exporter:` /
`image:` / `repository: prom/statsd-exporter` the line's chain is `monitoring.exporter.image.repository`. A list
item's first key (`- name: reloader`) is the item's, not a parent of the keys beside it; it joins the chain only
when asked (`list_items=True`), for callers that look for a key a template names wherever it sits.
"""

from __future__ import annotations

import re

_KEY_LINE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<item>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*:")


def key_chain(text: str, line: int, *, list_items: bool = False) -> tuple[list[str], bool]:
    """The keys above and at `line` (1-based) of the values `text`, top first, and whether the chain reaches a key
    at no indentation (a top-level key)."""
    lines = text.splitlines()[:line]
    keys: list[str] = []
    indent: int | None = None
    for number in range(len(lines) - 1, -1, -1):
        match = _KEY_LINE_RE.match(lines[number])
        if match is None or (match["item"] and not list_items):
            continue
        if indent is not None and len(match["indent"]) >= indent:
            continue
        indent = len(match["indent"])
        keys.insert(0, str(match["key"]))
        if not indent:
            return keys, True
    return keys, False
