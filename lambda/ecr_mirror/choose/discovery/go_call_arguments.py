"""The top-level arguments of a Go call, with where each starts (pure): shared by the readers that take a call's
arguments one by one (go_kind_nodes.py, go_terratest_docker.py).

Go's literals are followed as the compiler reads them (https://go.dev/ref/spec#String_literals): an interpreted
string `"..."` to its unescaped `"` on the same line, a raw string `` `...` `` to the next backquote, lines and all,
so a comma or a bracket inside either splits nothing.
"""

from __future__ import annotations


def call_arguments(text: str, start: int) -> list[tuple[int, str]] | None:
    """(offset, text) of each top-level argument of the call whose `(` ends at `start` (or from just past a comma
    after an argument), stripped, the offset where its text starts; None when the call does not close."""
    arguments: list[tuple[int, str]] = []
    depth, at, begin = 0, start, start
    while at < len(text):
        char = text[at]
        if char in '"`':
            close = text.find(char, at + 1) if char == "`" else _string_end(text, at)
            if close < 0:
                return None
            at = close + 1
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                arguments.append((begin, text[begin:at]))
                return [
                    (offset + len(word) - len(word.lstrip()), word.strip())
                    for offset, word in arguments
                    if word.strip()
                ]
            depth -= 1
        elif char == "," and depth == 0:
            arguments.append((begin, text[begin:at]))
            begin = at + 1
        at += 1
    return None


def _string_end(text: str, start: int) -> int:
    """Where the interpreted string opened at `start` closes (-1 when the line ends first)."""
    at = start + 1
    while at < len(text) and text[at] not in '"\n':
        at += 2 if text[at] == "\\" else 1
    return at if at < len(text) and text[at] == '"' else -1
