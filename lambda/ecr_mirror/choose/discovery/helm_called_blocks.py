"""The named templates of a dependency's partials that a chart calls, directly or through one another (pure).

An application chart a chart depends on lends it its named templates (Helm compiles them together: template names
are global, https://helm.sh/docs/chart_template_guide/named_templates/), often hundreds of them (OpenStack-Helm's
helm-toolkit: some 380 KB). Only the `define` blocks the chart's own templates call with `include` or `template`, and
those they call in turn, are kept to read with the chart's: the rest renders nothing of this chart.
"""

from __future__ import annotations

import re

_DEFINE_RE = re.compile(r"\{\{-?\s*define\s+\"(?P<name>[^\"]+)\"")
_CALL_RE = re.compile(r"\b(?:include|template)\s+\"(?P<name>[^\"]+)\"")


def called_definitions(partials: str, caller: str) -> str:
    """The `define` blocks of `partials` (each up to the next `define`) that `caller` calls, and those they call."""
    starts = list(_DEFINE_RE.finditer(partials))
    blocks = {
        start["name"]: partials[start.start() : starts[at + 1].start() if at + 1 < len(starts) else len(partials)]
        for at, start in enumerate(starts)
    }
    wanted = [match["name"] for match in _CALL_RE.finditer(caller) if match["name"] in blocks]
    kept: dict[str, str] = {}
    while wanted:
        name = wanted.pop()
        if name not in kept:
            kept[name] = blocks[name]
            wanted += [match["name"] for match in _CALL_RE.finditer(blocks[name]) if match["name"] in blocks]
    return "\n".join(block for name, block in blocks.items() if name in kept)
