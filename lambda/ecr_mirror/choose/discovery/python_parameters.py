"""The values a Python function's parameters take in the calls of the same file (pure).

A test helper that runs docker with one of its parameters (`def _setup_test_image(name):` running `['docker',
'pull', name]`) pulls what each call gives it (`_setup_test_image('alpine:latest')`): a string literal, by position
(after `self`/`cls`) or keyword. Inside the function the name is the parameter, never a value another function of the
file binds the same name to. A call that gives anything else gives a value known only when the program runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.source_expressions import expression_end

_DEF_ANY_RE = re.compile(r"^(?P<indent>[ \t]*)def[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\((?P<params>[^()]*)\)", re.M)
_LINE_RE = re.compile(r"[^\n]*\n?")
_SIGNATURE_END_RE = re.compile(r"\)[ \t]*(?:->[^\n]*?)?:[ \t]*(?:#[^\n]*)?\n")  # `) -> T:` ending a `def`
_STRING_RE = re.compile(r"""(?P<prefix>[rRuU]?)(?P<quote>["'])(?P<body>[^"'\\\n{}]*)(?P=quote)""")
_KEYWORD_RE = re.compile(r"([A-Za-z_]\w*)\s*=(?!=)\s*")
_SPACE_RE = re.compile(r"\s*")
_CALLS = 32  # calls read per function


def body(text: str, definition: re.Match[str]) -> str:
    """The lines of the function `definition` starts: those after its signature indented deeper than its `def`."""
    indent = len(definition["indent"].expandtabs())
    signature = _SIGNATURE_END_RE.search(text, definition.end() - 1)
    if signature is None:
        return ""
    start = end = signature.end() - 1
    for line in _LINE_RE.finditer(text, start + 1):  # lazily: a body costs its own lines, not the rest of the file
        if not line.group():
            break
        written = line.group().expandtabs()  # tab widths as the `def` line's indent is measured
        stripped = written.strip()
        if stripped and not stripped.startswith("#") and len(written) - len(written.lstrip()) <= indent:
            break
        end = line.end()
    return text[start:end]


@dataclass(frozen=True)
class Scope:
    """The parameters of the function a command is written in, and what each call of it gives them: (where the
    call starts, {parameter: its literal, or None for another value})."""

    parameters: tuple[str, ...]
    calls: tuple[tuple[int, dict[str, str | None]], ...]


def _parameters(written: str) -> tuple[str, ...]:
    names = [part.split("=")[0].split(":")[0].strip().lstrip("*") for part in written.split(",")]
    return tuple(name for name in names if name and name not in ("self", "cls") and name.isidentifier())


def _arguments(text: str, at: int, parameters: tuple[str, ...]) -> dict[str, str | None]:
    """What the call whose arguments start at `at` gives each parameter."""
    given: dict[str, str | None] = dict.fromkeys(parameters)
    position = 0
    at = _SPACE_RE.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string
    while at < len(text) and text[at] not in ")]}":
        name = parameters[position] if position < len(parameters) else None
        if (keyword := _KEYWORD_RE.match(text, at)) is not None:
            name, at = keyword.group(1), keyword.end()
        else:
            position += 1
        end = expression_end(text, at, _STRING_RE, "\"'")
        literal = _STRING_RE.fullmatch(text[at:end].strip())
        if name in given:
            given[name] = literal["body"] if literal else None
        if end <= at or end >= len(text):
            break
        at = _SPACE_RE.match(text, end + (text[end] == ",")).end()  # type: ignore[union-attr]
    return given


def enclosing_scope(text: str, at: int) -> Scope | None:
    """The function of `text` whose body holds `at` (the innermost), with the calls the file makes of it."""
    inner: re.Match[str] | None = None
    for definition in _DEF_ANY_RE.finditer(text, 0, at):
        start = definition.end()
        if start <= at <= start + len(body(text, definition)) + 1:
            inner = definition
    if inner is None or not (parameters := _parameters(inner["params"])):
        return None
    call_re = re.compile(rf"(?<![\w.])(?:self\.)?{re.escape(inner['name'])}\(\s*")
    calls = [
        (call.start(), _arguments(text, call.end(), parameters))
        for call in call_re.finditer(text)
        if not text[max(0, call.start() - 4) : call.start()].endswith("def ")
    ]
    return Scope(parameters, tuple(calls[:_CALLS]))
