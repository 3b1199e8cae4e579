"""The string literals a JavaScript or TypeScript file keeps in its object literals, by property path (pure).

A test setup keeps its images in a configuration object, `const testConfig = { mongodb: { image: "mongo:6.0.1" } }`,
and hands one on by its path, `new MongoDBContainer(testConfig.mongodb.image)`. `object_paths` gives each string
literal of an object literal bound to a name by `const`, `let` or `var` (a type annotation allowed), by its path
(`testConfig.mongodb.image`), with the offset it is written at: keys that are names or quoted, nested objects
followed; other values (arrays, calls, templates, spreads, shorthand properties) skipped whole. Linear in the text: each
object is scanned once, at most `_MAX_SCANNED` characters and `_MAX_DEPTH` objects deep.
"""

from __future__ import annotations

import re

_OBJECT_RE = re.compile(r"(?<![\w$.])(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n;]*)?=[ \t]*\{")
_KEY_RE = re.compile(r"""(?:([A-Za-z_$][\w$]*)|"([^"\\\n]*)"|'([^'\\\n]*)')[ \t]*:(?!:)""")
_STRING_RE = re.compile(r"""(?:"([^"\\\n]*)"|'([^'\\\n]*)')""")
_AFTER_RE = re.compile(r"[ \t\r\n]*(?:,|\}|//[^\n]*\n)")
_MAX_SCANNED = 200_000
_MAX_DEPTH = 16  # nested objects followed, at most
_CLOSING = {"(": ")", "[": "]", "{": "}"}


def _value_end(text: str, index: int, limit: int) -> int:
    """The index of the `,` or `}` ending the value that starts at `index` (strings and brackets skipped)."""
    closers: list[str] = []
    while index < limit:
        char = text[index]
        if char in "\"'`":
            end = text.find(char, index + 1)
            while end != -1 and text[end - 1] == "\\":
                end = text.find(char, end + 1)
            index = limit if end == -1 else end + 1
            continue
        if char in _CLOSING:
            closers.append(_CLOSING[char])
        elif closers and char == closers[-1]:
            closers.pop()
        elif not closers and char in ",}":
            return index
        index += 1
    return limit


def _scan(text: str, start: int, name: str, out: dict[str, list[tuple[int, str]]]) -> int:
    """Record the string literals of the object literal whose body starts at `start` (after its `{`); the index
    where the scan stopped."""
    paths, index, limit = [name], start, min(len(text), start + _MAX_SCANNED)
    while index < limit and paths:
        char = text[index]
        if char in " \t\r\n,":
            index += 1
        elif char == "}":
            paths.pop()
            index += 1
        elif (key := _KEY_RE.match(text, index)) is None:
            index = max(index + 1, _value_end(text, index, limit))  # a spread, a shorthand, a comment: skipped
        else:
            path = f"{paths[-1]}.{key.group(1) or key.group(2) or key.group(3)}"
            index = key.end()
            while index < limit and text[index] in " \t\r\n":
                index += 1
            if index < limit and text[index] == "{" and len(paths) < _MAX_DEPTH:
                paths.append(path)
                index += 1
            elif (literal := _STRING_RE.match(text, index)) is not None and _AFTER_RE.match(text, literal.end()):
                value = literal.group(1) if literal.group(1) is not None else literal.group(2)
                out.setdefault(path, []).append((literal.start() + 1, value))
                index = literal.end()
            else:
                index = _value_end(text, index, limit)
    return index


def object_paths(text: str) -> dict[str, list[tuple[int, str]]]:
    """(offset, literal) of each string literal of the file's named object literals, by property path."""
    out: dict[str, list[tuple[int, str]]] = {}
    if "{" not in text:
        return out
    scanned = 0  # an object inside one already scanned is not scanned again: linear in the text
    for match in _OBJECT_RE.finditer(text):
        if match.start() >= scanned:
            scanned = _scan(text, match.end(), match.group(1), out)
    return out
