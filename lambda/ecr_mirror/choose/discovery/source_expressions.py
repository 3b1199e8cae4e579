"""Where an argument of a call in a program's source ends (pure): shared by the readers of the docker commands Go
and Python sources run (go_commands.py, python_commands.py) and JavaScript arrays of arguments (node_commands.py)."""

from __future__ import annotations

import re

_OPENERS = "([{"
_NAME_RE = re.compile(r"[A-Za-z_]\w*")
_CLOSERS = ")]}"
# An argument longer than this is read as one that does not close: a bracket that never closes (a minified bundle, a
# regular expression, a file cut short) is not followed to the end of the text by every call before it.
LONGEST = 2048
_PLAIN_RE = re.compile(r"[^()\[\]{},\"'`]+")  # characters that neither open, close nor end anything


def expression_end(text: str, at: int, strings: re.Pattern[str], quotes: str, *, unread_ends: bool = False) -> int:
    """Where an argument that is not a literal ends: at the next `,` or closing bracket outside brackets and outside
    the literals `strings` reads (each starting with one of `quotes`). With `unread_ends`, a `"` that starts no such
    literal (a string with escapes) ends the text: what follows it is not followed. An argument longer than `LONGEST`
    ends the text too."""
    depth, start = 0, at
    while at < len(text):
        if at - start > LONGEST:
            return len(text)
        if (plain := _PLAIN_RE.match(text, at)) is not None:
            at = plain.end()
            continue
        char = text[at]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            if depth == 0:
                return at
            depth -= 1
        elif char == "," and depth == 0:
            return at
        elif char in quotes and (literal := strings.match(text, at)) is not None:
            at = literal.end() - 1
        elif unread_ends and char == '"':
            return len(text)
        at += 1
    return at


def placeholder(expression: str, fallback: str) -> str:
    """`${NAME}` for a value known only when the program runs: named after a plain name, else `fallback`
    (`GO_EXPRESSION`, `PYTHON_EXPRESSION`)."""
    expression = expression.strip()
    return "${" + (expression if _NAME_RE.fullmatch(expression) else fallback) + "}"
