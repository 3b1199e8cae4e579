"""The literal values a Gradle build file binds to its names (pure): strings, lists and maps, as written in the Groovy
or the Kotlin DSL.

A build that runs its tests over several versions often writes them once as a list (zonky's `ext { testSuites = [
[name: 'postgres', versions: [[name: '12', postgres: '12.22'], ...]], ...] }`, Kotlin `val postgresVersions =
listOf("13", "14")`) and makes one task per entry. Read here:

- a binding `NAME = VALUE` at the start of a line (`def`, `val`, `var`, `ext.`, `project.ext.` before the name; in
  an `ext { }` block too), VALUE a string (`'...'`, `"..."`), a number, a Groovy list `[a, b]` or map `[k: v]`, or
  Kotlin `listOf(...)`, `mutableListOf(...)`, `setOf(...)`, `arrayOf(...)`, `mapOf(k to v, ...)`;
- what later statements add to a bound list: `NAME << item`, `NAME += [items]`, and to a list inside one of its maps
  picked by a key (`NAME.find { it.name == 'derby' }.versions << [...]`, `+= [...]`), wherever they are written (an
  addition under a condition, `if (JavaVersion.current()...)`, is read as made).

A value the parser does not know (a call, a name, a property) is None; a string keeps its `$` placeholders, which the
reader of the value resolves or not (gradle_test_properties.py).
"""

from __future__ import annotations

import re
from typing import TypeAlias

Value: TypeAlias = str | list["Value"] | dict[str, "Value"] | None

_BLANK_RE = re.compile(r"(?:\s|//[^\n]*|/\*.*?\*/)*", re.S)
_STRING_RE = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)\"""")
_WORD_RE = re.compile(r"[\w.]+")
_KEY_RE = re.compile(r"""(?:([A-Za-z_][\w-]*)|'([^'\n]*)'|"([^"\n]*)")\s*:(?!:)""")
_KOTLIN_LIST_RE = re.compile(r"(?:mutableListOf|listOf|setOf|mutableSetOf|arrayOf)\s*(?:<[^<>()]*>)?\s*\(")
_KOTLIN_MAP_RE = re.compile(r"(?:mutableMapOf|mapOf|hashMapOf)\s*(?:<[^<>()]*>)?\s*\(")
_BINDING_RE = re.compile(
    r"^[ \t]*(?:(?:def|val|var|final)[ \t]+)?(?:(?:project\.)?ext\.)?(?P<name>[A-Za-z_]\w*)"
    r"(?:[ \t]*:[ \t]*[\w<>, ?]+)?[ \t]*=(?!=)[ \t]*",
    re.M,
)
_ADDITION_RE = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z_]\w*)"
    r"""(?:\s*\.\s*find\s*\{\s*it\s*\.\s*(?P<key>\w+)\s*==\s*(?:'(?P<a>[^'\n]*)'|"(?P<b>[^"\n]*)")\s*\}"""
    r"\s*\.\s*(?P<field>\w+))?[ \t]*(?P<op><<|\+=)[ \t]*",
    re.M,
)
_MAX_DEPTH = 32


def _skip(text: str, at: int) -> int:
    match = _BLANK_RE.match(text, at)
    return match.end() if match else at


def parse_value(text: str, at: int, depth: int = 0) -> tuple[Value, int]:
    """The value written at `at` and the offset after it; (None, where it stops) for one not known."""
    at = _skip(text, at)
    if depth > _MAX_DEPTH or at >= len(text):
        return None, at
    if (string := _STRING_RE.match(text, at)) is not None:
        return (string[1] if string[1] is not None else string[2]), string.end()
    if text[at] == "[":
        return _groovy_collection(text, at + 1, depth)
    if (kotlin := _KOTLIN_LIST_RE.match(text, at)) is not None:
        return _items(text, kotlin.end(), ")", depth)
    if (kotlin := _KOTLIN_MAP_RE.match(text, at)) is not None:
        return _kotlin_map(text, kotlin.end(), depth)
    if (word := _WORD_RE.match(text, at)) is not None:
        number = re.fullmatch(r"-?\d+(?:\.\d+)*", word[0])
        return (word[0] if number else None), _past_arguments(text, word.end())
    return None, at


def _past_arguments(text: str, at: int) -> int:
    """The offset past a call's parenthesised arguments at `at` (`findProperty("x")`), or `at` without any."""
    if not text.startswith("(", at):
        return at
    depth = 0
    for position in range(at, min(len(text), at + 4096)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if depth == 0:
            return position + 1
    return at


def _items(text: str, at: int, close: str, depth: int) -> tuple[Value, int]:
    """The list whose items start at `at`, up to `close`."""
    items: list[Value] = []
    while True:
        at = _skip(text, at)
        if at >= len(text) or text[at] == close:
            return items, at + 1
        item, end = parse_value(text, at, depth + 1)
        if end == at:
            return None, at
        items.append(item)
        at = _skip(text, end)
        if text.startswith(",", at):
            at += 1


def _groovy_collection(text: str, at: int, depth: int) -> tuple[Value, int]:
    """A Groovy list `[a, b]` or map `[k: v, 'k-2': v]` (`[:]` empty) whose first item starts at `at`."""
    start = _skip(text, at)
    if text.startswith(":", start):
        close = _skip(text, start + 1)
        return {}, close + 1
    if _KEY_RE.match(text, start) is None:
        return _items(text, at, "]", depth)
    entries: dict[str, Value] = {}
    at = start
    while True:
        at = _skip(text, at)
        if at >= len(text) or text[at] == "]":
            return entries, at + 1
        key = _KEY_RE.match(text, at)
        if key is None:
            return None, at
        value, end = parse_value(text, key.end(), depth + 1)
        entries[next(part for part in key.groups() if part is not None)] = value
        at = _skip(text, end)
        if text.startswith(",", at):
            at += 1
        elif not text.startswith("]", at):
            return None, at


def _kotlin_map(text: str, at: int, depth: int) -> tuple[Value, int]:
    """Kotlin `mapOf("k" to v, ...)` whose first entry starts at `at`."""
    entries: dict[str, Value] = {}
    while True:
        at = _skip(text, at)
        if at >= len(text) or text[at] == ")":
            return entries, at + 1
        key, end = parse_value(text, at, depth + 1)
        arrow = re.compile(r"\s*to\b").match(text, end)
        if not isinstance(key, str) or arrow is None:
            return None, at
        value, end = parse_value(text, arrow.end(), depth + 1)
        entries[key] = value
        at = _skip(text, end)
        if text.startswith(",", at):
            at += 1
        elif not text.startswith(")", at):
            return None, at


def build_values(text: str) -> dict[str, list[Value]]:
    """Each name's bound values (with the additions later statements make to a bound list), in the file's order."""
    values: dict[str, list[Value]] = {}
    for match in _BINDING_RE.finditer(text):
        value, _ = parse_value(text, match.end())
        if value is not None:
            values.setdefault(match["name"], []).append(value)
    for match in _ADDITION_RE.finditer(text):
        added, _ = parse_value(text, match.end())
        if added is None:
            continue
        for bound in values.get(match["name"], []):
            target = _target(bound, match)
            if isinstance(target, list):
                target += added if match["op"] == "+=" and isinstance(added, list) else [added]
    return values


def _target(bound: Value, match: re.Match[str]) -> Value:
    """The list an addition adds to: the bound list, or the list under `field` of its map whose `key` is the
    literal (`NAME.find { it.name == 'derby' }.versions`)."""
    if match["key"] is None:
        return bound
    wanted = match["a"] if match["a"] is not None else match["b"]
    for row in bound if isinstance(bound, list) else []:
        if isinstance(row, dict) and row.get(match["key"]) == wanted:
            return row.get(match["field"])
    return None
