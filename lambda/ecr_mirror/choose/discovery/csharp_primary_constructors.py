"""The images a C# fixture's builder is given from its primary constructor's parameters (pure).

A test project keeps one abstract fixture whose builder takes an interpolated string of the class's primary
constructor parameters (C# 12, https://learn.microsoft.com/en-us/dotnet/csharp/whats-new/tutorials/primary-constructors:
the parameters are in scope in the whole class body), `abstract class OracleFixture(IMessageSink messageSink,
string edition, string version, ...)` with `new OracleBuilder($"gvenzl/oracle-{edition}:{version}-slim-faststart")`,
and a sealed class per version passing the values to the base's primary constructor, `: OracleFixture(messageSink,
"xe", "21.3.0")` (under `#if ORACLE_21`: each test project defines one constant, so each branch runs in one).
Each class of the same file deriving from it so gives one image, at its own line: the arguments are matched to the
parameters by position, then by name (`database: "XEPDB1"`), and an image is read only when every `{name}` of the
string is a parameter given a regular string literal (a field, `Settings.Flavor`, or a format, `{version:D}`, is
not known; nor is a class that derives from another file's fixture).
"""

from __future__ import annotations

import re

_BUILDER_RE = re.compile(
    r"\bnew\s+(?!\w*StringBuilder\b|UriBuilder\b)[A-Z]\w*Builder\s*\(\s*(?:image\s*:\s*)?"
    r"\$\"(?P<template>[^\"\\\n]*)\"\s*\)"
)
_HOLE_RE = re.compile(r"\{([^{}]*)\}")
_CLASS_RE = re.compile(r"\bclass\s+(?P<name>[A-Za-z_]\w*)\s*\((?P<params>[^()]*)\)")
_DERIVED_RE = r"\bclass\s+\w+\s*(?:\([^()]*\))?\s*:\s*(?:\w+\.)*{base}\s*\((?P<args>[^()]*)\)"
_LITERAL_RE = re.compile(r"\"(?P<value>[^\"\\\n{}]*)\"")
_NAMED_RE = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<value>.+)", re.DOTALL)


def _split(text: str) -> list[str]:
    """The comma-separated items of a parameter or argument list (a generic type's commas kept)."""
    items: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        depth += 1 if char in "<[" else -1 if char in ">]" else 0
        if char == "," and depth == 0:
            items.append(text[start:index].strip())
            start = index + 1
    return [*items, text[start:].strip()] if text.strip() else items


def _parameter_names(params: str) -> list[str]:
    """The names of a primary constructor's parameters (`string version`, `string database = null`)."""
    names = []
    for param in _split(params):
        found = re.findall(r"[A-Za-z_]\w*", param.split("=", 1)[0])
        names.append(found[-1] if found else "")
    return names


def _given(args: str, names: list[str]) -> dict[str, str]:
    """The literal string each parameter is given by a base call's arguments (by position, then by name)."""
    given: dict[str, str] = {}
    for position, arg in enumerate(_split(args)):
        named = _NAMED_RE.fullmatch(arg) if not arg.startswith('"') else None
        name = named["name"] if named else names[position] if position < len(names) else ""
        literal = _LITERAL_RE.fullmatch((named["value"] if named else arg).strip())
        if literal is not None and name:
            given[name] = literal["value"]
    return given


def primary_constructor_images(text: str) -> list[tuple[int, str]]:
    """(offset of a derived class's base call, image) of each builder given an interpolated string of its class's
    primary constructor parameters, filled by each class of the file that derives from it with literals."""
    if '$"' not in text:
        return []
    out: list[tuple[int, str]] = []
    for builder in _BUILDER_RE.finditer(text):
        holes = _HOLE_RE.findall(builder["template"])
        owner = [c for c in _CLASS_RE.finditer(text, 0, builder.start()) if c.end() <= builder.start()]
        if not holes or not owner:
            continue
        names = _parameter_names(owner[-1]["params"])
        if not all(hole in names for hole in holes):
            continue
        for derived in re.finditer(_DERIVED_RE.format(base=re.escape(owner[-1]["name"])), text):
            given = _given(derived["args"], names)
            if all(hole in given for hole in holes):
                parts = _HOLE_RE.split(builder["template"])  # text, hole, text, ...: the holes at odd places
                image = "".join(given[part] if place % 2 else part for place, part in enumerate(parts))
                out.append((derived.start("args"), image))
    return out
