"""Go source with its comments blanked (pure).

A doc comment often shows a call as an example (`//	pool.Run("mysql", "5.3", env)`), which runs nothing. Blanking
`// ...` and `/* ... */` comments to spaces (newlines kept) leaves every other offset and line where it was, so a
reader's lines stay those of the file. Strings (`"..."` with escapes, raw `` `...` ``) and runes (`'/'`) are kept
whole: `"http://host"` holds no comment.
"""

from __future__ import annotations

import re

_TOKEN_RE = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"?|`[^`]*`?|'(?:[^'\\\n]|\\.)*'?|//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?")


def _blank(match: re.Match[str]) -> str:
    token = match.group(0)
    if not token.startswith("/"):
        return token
    return "\n".join(" " * len(line) for line in token.split("\n"))


def without_comments(text: str) -> str:
    """`text` with its Go comments turned to spaces, the same length, line by line."""
    return _TOKEN_RE.sub(_blank, text)


def _blank_prose(match: re.Match[str]) -> str:
    token = match.group(0)
    if token.startswith("/") or (token.startswith("`") and "\n" in token):
        return "\n".join(" " * len(line) for line in token.split("\n"))
    return token


def without_prose(text: str) -> str:
    """`text` with its Go comments and its raw strings that span lines (a command's help, an embedded document)
    turned to spaces, line by line: what the code itself names, not what it prints."""
    return _TOKEN_RE.sub(_blank_prose, text)
