"""Where each block of a Go template ends (pure): a `define`, `block`, `if`, `range` or `with` action closes at its
own `{{ end }}`, the blocks inside it closing first (https://pkg.go.dev/text/template#hdr-Actions), so a named
template holding an `if` is not cut at the `if`'s `end`. Trim markers are allowed (`{{- end -}}`); `else`, `else
if` and `else with` open nothing; a comment (`{{/* ... */}}`, `{{- /* ... */ -}}`, newlines allowed) is skipped,
whatever actions it holds; so is a string within an action (`{{ "{{ end }}" }}` prints the text `{{ end }}`):
double-quoted with its escapes, raw between backquotes (over lines too), or a character constant
(https://pkg.go.dev/text/template#hdr-Arguments). One pass over the text, each character read once: linear in its
length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

DEFINE_RE = re.compile(r"\{\{-?\s*define\s+\"(?P<name>[^\"]+)\"\s*-?\}\}")
# the start of an action: a comment, or the keyword it begins with, if any
_HEAD_RE = re.compile(r"\{\{-?\s*(?:(?P<comment>/\*)|(?P<word>if|range|with|define|block|else|end)\b)?")
_END_RE = re.compile(r"\s*-?\}\}")  # what follows `end` in an `{{ end }}` action
# within an action: a string's opening quote, the action's closing `}}`, or a `{{` opening another (the action was
# never closed: Go fails to parse it, the next one is read as written)
_INSIDE_RE = re.compile(r"[\"'`]|\}\}|\{\{")
# the rest of a double-quoted string or a character constant after its opening quote, up to its closing one (or,
# unterminated, the end of the line)
_REST_RE = {quote: re.compile(rf"(?:[^{quote}\\\n]|\\.)*") for quote in "\"'"}
_OPENS = frozenset({"if", "range", "with", "define", "block"})


def actions(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, the keyword it begins with or None) of each action of `text`, in order; comments and what strings
    within an action hold skipped. An action never closed ends where the next one starts, or at the end of the text;
    nothing is read after an unclosed comment or raw string (Helm and Task fail to parse such a template)."""
    position = 0
    while (start := text.find("{{", position)) >= 0:
        head = _HEAD_RE.match(text, start)
        assert head is not None  # every part of it is optional after `{{`
        if head["comment"] is not None:
            close = text.find("*/", head.end())
            if close < 0:
                return
            position = close + 2
            continue
        position = head.end()
        while (inside := _INSIDE_RE.search(text, position)) is not None and inside.group() not in ("}}", "{{"):
            quote = inside.group()
            if quote == "`":
                close = text.find("`", inside.end())
                if close < 0:
                    return
                position = close + 1
            else:
                rest = _REST_RE[quote].match(text, inside.end())
                assert rest is not None  # a repetition: it matches, if empty
                position = rest.end() + (text.startswith(quote, rest.end()))
        end = len(text) if inside is None else inside.end() if inside.group() == "}}" else inside.start()
        word = head["word"]
        if word == "end" and not _END_RE.match(text, head.end()):
            word = None  # `{{ end }}` alone closes a block
        yield start, end, word
        position = end


def block_ends(text: str) -> dict[int, tuple[int, int]]:
    """The start of each block action of `text` -> (start, end) of its own `{{ end }}` action; a block never closed
    (Helm and Task fail to parse such a template) is not in it, nor is any block after an unclosed comment."""
    ends: dict[int, tuple[int, int]] = {}
    opened: list[int] = []
    for start, end, word in actions(text):
        if word in _OPENS:
            opened.append(start)
        elif word == "end" and opened:
            ends[opened.pop()] = (start, end)
    return ends


def defines(text: str) -> list[tuple[re.Match[str], tuple[int, int] | None]]:
    """Each `{{ define "NAME" }}` of `text` (its name the match's `name`) with (start, end) of its own `{{ end }}`
    action, None when it is never closed."""
    if "define" not in text:
        return []
    ends = block_ends(text)
    return [(define, ends.get(define.start())) for define in DEFINE_RE.finditer(text)]
