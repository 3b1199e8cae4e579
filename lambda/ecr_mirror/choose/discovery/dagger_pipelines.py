"""The images Dagger pipelines start from, in their Go, Python and TypeScript/JavaScript sources (pure).

https://docs.dagger.io: a pipeline (a Dagger module's function, or a program calling the SDK's client) builds
containers through the Dagger API, whose Container type's `from` initializes a container from a pulled base image:
Go `dag.Container().From("redis:7")` / `client.Container().From(...)`, Python `dag.container().from_("...")`,
TypeScript `dag.container().from("...")`. Read only in a source that uses Dagger: a Go file importing
`dagger.io/dagger` or a Dagger module's generated package (`<module>/internal/dagger`), or calling the module's
global `dag.Container(`; a Python file importing `dagger`; a TypeScript/JavaScript file importing
`@dagger.io/dagger`. Go's `.From(` and Python's `.from_(` are read on any receiver there (a variable holding a
container: `golang.From("golang:1.23-alpine")`), TypeScript's `.from(` only right after `container(...)` (`Array.from`,
`Buffer.from` are not Dagger's). Only a literal string, or a name the same file binds to literals
(`const giteaImage = "gitea/gitea:1.21"`, read at the literal's line, source_names.py), is read, as with
Testcontainers; a parameter or a value built at run time (`From(cachedImage)`, `From(fmt.Sprintf(...))`) adds
nothing, but for a Python f-string over the enclosing function's parameters with literal defaults
(`.from_(f"golang:{version}")`, `version: str = "1.24-alpine"`: the image of a call that passes none, as weka-operator's
`.dagger` builders call it). `use` is `dagger`.
"""

from __future__ import annotations

import bisect
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b"dagger"  # a source without these bytes is not decoded
_GO_USES_RE = re.compile(r'"dagger\.io/dagger"|"[\w.~/-]+/internal/dagger"|(?<![\w.])dag\.Container\(')
_PYTHON_USES_RE = re.compile(r"^[ \t]*(?:import[ \t]+dagger\b|from[ \t]+dagger\b)", re.MULTILINE)
_NODE_USES_RE = re.compile(r"""['"]@dagger\.io/dagger['"]""")
_NAME = r"(?P<name>[A-Za-z_]\w*)"
_GO_FROM_RE = re.compile(r"""\.\s*From\(\s*(?:"(?P<image>[^"\\\n]+)"|`(?P<raw>[^`\n]+)`|""" + _NAME + r")\s*\)")
_PYTHON_FROM_RE = re.compile(
    r"""\.\s*from_\(\s*(?:address\s*=\s*)?(?:(?P<quote>["'])(?P<image>[^"'\\\n]+)(?P=quote)|""" + _NAME + r")\s*[,)]"
)
_NODE_FROM_RE = re.compile(
    r"""\bcontainer\(\s*(?:\{[^{}]*\}\s*)?\)\s*\.\s*from\(\s*"""
    r"""(?:(?P<quote>["'`])(?P<image>[^"'`\\\n$]+)(?P=quote)|""" + _NAME + r")\s*[,)]"
)
# Python's `.from_(f"golang:{version}")` over the enclosing function's parameters: each `{NAME}` takes the default of
# that parameter (`version: str = "1.24-alpine"`), the value of a call that passes none
# (https://docs.dagger.io/api/arguments/#default-values); another field (`{version.upper()}`) is not read
_PYTHON_FSTRING_RE = re.compile(
    r"""\.\s*from_\(\s*(?:address\s*=\s*)?f(?P<quote>["'])(?P<template>[^"'\\\n]+)(?P=quote)\s*[,)]"""
)
_DEF_RE = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+\w+[ \t]*\(", re.MULTILINE)
_SIGNATURE = 2000  # a signature is read within this many characters
_SIGNATURE_END_RE = re.compile(r"\)[ \t]*(?:->[^:\n]*)?:")
_DEFAULT_RE = re.compile(r"(?<![\w.])([A-Za-z_]\w*)[ \t]*(?::[^=,\n]*?)?=[ \t]*(?P<q>[\"'])([^\"'\\\n]*)(?P=q)")
_FIELD_RE = re.compile(r"\{([^{}]*)\}")
_COMMENTS = ("//", "#", "*", "/*")
_SUFFIXES = frozenset({"go", "py", "ts", "mts", "cts", "js", "mjs", "cjs"})


def may_use_dagger(origin: str, data: bytes) -> bool:
    """Whether a source is worth decoding for Dagger: one of the languages read here that names it (a Java source
    using Google's Dagger, dependency injection, is not)."""
    return origin.rsplit(".", 1)[-1].lower() in _SUFFIXES and MARK in data


def _reader(origin: str, text: str) -> tuple[str, re.Pattern[str]] | None:
    """(language, the `from` call's pattern) of a source that uses Dagger."""
    suffix = origin.rsplit(".", 1)[-1].lower() if "." in origin else ""  # as may_use_dagger
    if suffix == "go" and _GO_USES_RE.search(text):
        return "Go", _GO_FROM_RE
    if suffix == "py" and _PYTHON_USES_RE.search(text):
        return "Python", _PYTHON_FROM_RE
    if suffix in ("ts", "mts", "cts") and _NODE_USES_RE.search(text):
        return "TypeScript", _NODE_FROM_RE
    if suffix in ("js", "mjs", "cjs") and _NODE_USES_RE.search(text):
        return "JavaScript", _NODE_FROM_RE
    return None


def _parameter_defaults(text: str, opening: int) -> dict[str, str]:
    """The literal string defaults of a Python function's parameters, its signature opening at `opening`."""
    window = text[opening : opening + _SIGNATURE]
    end = _SIGNATURE_END_RE.search(window)
    return {match[1]: match[3] for match in _DEFAULT_RE.finditer(window, 0, end.start())} if end else {}


def _defaulted(text: str, lines: LineIndex) -> set[tuple[int, str]]:
    """(offset, image) of each Python `.from_(f"...")` whose fields are parameters of the enclosing function with
    literal defaults."""
    starts = [(definition.start(), definition.end()) for definition in _DEF_RE.finditer(text)]
    defaults: dict[int, dict[str, str]] = {}
    given: set[tuple[int, str]] = set()
    for match in _PYTHON_FSTRING_RE.finditer(text):
        at = bisect.bisect_left(starts, (match.start(), match.start())) - 1
        if at < 0 or lines.led_by(match.start(), _COMMENTS):
            continue
        known = defaults.setdefault(at, _parameter_defaults(text, starts[at][1]))
        fields = _FIELD_RE.findall(match["template"])
        if fields and all(field in known for field in fields):
            parts = _FIELD_RE.split(match["template"])  # literal, field, literal, ...: a field's default in its place
            given.add((match.start("template"), "".join(known[p] if i % 2 else p for i, p in enumerate(parts))))
    return given


def dagger_images(text: str, origin: str) -> list[Found]:
    """The images a Dagger pipeline's source starts containers from, in the file's order."""
    reader = _reader(origin, text)
    if reader is None:
        return []
    language, pattern = reader
    names = SourceNames.of(text)
    given: set[tuple[int, str]] = set()
    lines = LineIndex(text)
    for match in pattern.finditer(text):
        if lines.led_by(match.start(), _COMMENTS):
            continue
        groups = match.groupdict()
        if groups.get("raw") is not None:
            given.add((match.start("raw"), match["raw"]))
        elif match["image"] is not None:
            given.add((match.start("image"), match["image"]))
        else:
            given.update(names.values(match["name"]))
    given |= _defaulted(text, lines) if language == "Python" and "from_(f" in text else set()
    return [
        Found(image.strip(), origin, lines.line(at), use="dagger", kind=f"{language} source")
        for at, image in sorted(given)
        if not lines.led_by(at, _COMMENTS) and reference_or_none(image.strip()) is not None
    ]
