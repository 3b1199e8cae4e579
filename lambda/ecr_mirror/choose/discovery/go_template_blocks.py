"""Where each block of a Go template ends (pure): a `define`, `block`, `if`, `range` or `with` action closes at its
own `{{ end }}`, the blocks inside it closing first (https://pkg.go.dev/text/template#hdr-Actions), so a named
template holding an `if` is not cut at the `if`'s `end`. Trim markers are allowed (`{{- end -}}`); `else`, `else
if` and `else with` open nothing; a comment (`{{/* ... */}}`, `{{- /* ... */ -}}`, newlines allowed) is skipped,
whatever actions it holds. One pass over the text, each action read once: linear in its length.
"""

from __future__ import annotations

import re

DEFINE_RE = re.compile(r"\{\{-?\s*define\s+\"(?P<name>[^\"]+)\"\s*-?\}\}")
# an action that opens a block, its `end`, or the start of a comment
_ACTION_RE = re.compile(r"\{\{-?\s*(?:(?P<comment>/\*)|(?P<opens>if|range|with|define|block)\b|(?P<end>end)\s*-?\}\})")


def block_ends(text: str) -> dict[int, tuple[int, int]]:
    """The start of each block action of `text` -> (start, end) of its own `{{ end }}` action; a block never closed
    (Helm and Task fail to parse such a template) is not in it, nor is any block after an unclosed comment."""
    ends: dict[int, tuple[int, int]] = {}
    opened: list[int] = []
    position = 0
    while (action := _ACTION_RE.search(text, position)) is not None:
        position = action.end()
        if action["comment"] is not None:
            close = text.find("*/", position)
            if close < 0:
                break
            position = close + 2
        elif action["opens"] is not None:
            opened.append(action.start())
        elif opened:
            ends[opened.pop()] = (action.start(), action.end())
    return ends


def defines(text: str) -> list[tuple[re.Match[str], tuple[int, int] | None]]:
    """Each `{{ define "NAME" }}` of `text` (its name the match's `name`) with (start, end) of its own `{{ end }}`
    action, None when it is never closed."""
    if "define" not in text:
        return []
    ends = block_ends(text)
    return [(define, ends.get(define.start())) for define in DEFINE_RE.finditer(text)]
