"""String constants of the tree's C# classes that a source joins into an image (pure).

A .NET library keeps the parts of its default images in a static class of constants, `internal static class
RedisContainerImageTags { public const string Registry = "docker.io"; public const string Image = "library/redis";
public const string Tag = "8.6"; }` (an Aspire hosting integration's), and its builder methods join them,
`.WithImage(RedisContainerImageTags.Image, RedisContainerImageTags.Tag)` then
`.WithImageRegistry(RedisContainerImageTags.Registry)`;
a test suite's Testcontainers fixtures do the same in an interpolated string, `.WithImage($"{TestImages.Registry}/
{TestImages.Postgres}")`. C# substitutes a constant's value where it is used, an interpolated string of constants
being a constant too (https://learn.microsoft.com/en-us/dotnet/csharp/language-reference/keywords/const), and so
does this reader: each `Class.Name` of a source is written as the literal its class declares, and an interpolated
string whose every hole is such a name as the regular literal it makes, so that the source's own reading
(aspire_containers.py, testcontainers.py) sees literals; the text keeps its lines.

Read: `const string Name = "literal";` with an access modifier, `public`, `internal` or `protected` (a member without
one is private) (`public const`, `internal const`; `static readonly string` too, and a get-only static property, `public
static string Registry { get; } = "..."`, which nothing can set again; a property with a setter is not read) in a C#
file of the tree named after the class (`RedisContainerImageTags.cs`, the convention of a file per type). Not read: a
class two files of the tree declare with different values for a name, a constant that is not one literal, an
interpolation with a format or an expression (`{Tag:D}`, `{a ?? b}`), and a constant reached through `using static`.
"""

from __future__ import annotations

import re

# `Class.Name`, not inside a literal's quotes, not a call, not a longer qualified name's tail
_REFERENCE_RE = re.compile(r"(?<![\w.\"])(?P<cls>[A-Z]\w*)[ \t]*\.[ \t]*(?P<name>[A-Za-z_]\w*)\b(?![ \t]*[(.])")
_CONSTANT_RE = re.compile(
    r"^[ \t]*(?:(?:public|internal|protected)[ \t]+)+"  # an access modifier: a class member is private without one
    r"(?:(?:const|static[ \t]+readonly|readonly[ \t]+static)[ \t]+string[ \t]+(?P<name>[A-Za-z_]\w*)"
    r"|static[ \t]+string[ \t]+(?P<property>[A-Za-z_]\w*)[ \t]*\{[ \t]*get;[ \t]*\})"  # a get-only property
    r"[ \t]*=[ \t]*@?\"(?P<value>[^\"\\\n{}]+)\"[ \t]*;",
    re.MULTILINE,
)
_INTERPOLATED_RE = re.compile(r"\$@?\"(?P<body>[^\"\\\n]*)\"|@\$\"(?P<body2>[^\"\\\n]*)\"")
_HOLE_RE = re.compile(r"\{(?P<hole>[^{}]*)\}")
_QUALIFIED_RE = re.compile(r"\s*(?P<cls>[A-Z]\w*)\s*\.\s*(?P<name>[A-Za-z_]\w*)\s*")

Constants = dict[tuple[str, str], str]  # (class, name) -> literal


def referenced_classes(text: str) -> set[str]:
    """The capitalised names a C# source qualifies another name with (`RedisContainerImageTags` of
    `RedisContainerImageTags.Tag`)."""
    return {match["cls"] for match in _REFERENCE_RE.finditer(text)}


def class_constants(cls: str, texts: list[str]) -> Constants:
    """The literal string constants of class `cls`, from the texts of the tree's files of its name; a name two of
    them give different values is left out."""
    values: dict[str, set[str]] = {}
    for text in texts:
        for match in _CONSTANT_RE.finditer(text):
            values.setdefault(match["name"] or match["property"], set()).add(match["value"])
    return {(cls, name): next(iter(found)) for name, found in values.items() if len(found) == 1}


def _interpolated(match: re.Match[str], constants: Constants) -> str:
    """An interpolated string as the regular literal its holes make when each is a known constant (`{{`, `}}`
    escapes kept out), else as written."""
    body = match["body"] if match["body"] is not None else match["body2"]
    if "{{" in body or "}}" in body:
        return match.group()
    parts: list[str] = []
    for place, part in enumerate(_HOLE_RE.split(body)):
        if place % 2 == 0:
            parts.append(part)
            continue
        named = _QUALIFIED_RE.fullmatch(part)
        value = constants.get((named["cls"], named["name"])) if named is not None else None
        if value is None:
            return match.group()
        parts.append(value)
    return '"' + "".join(parts) + '"'


def inlined(text: str, constants: Constants) -> str:
    """`text` with each interpolated string of `constants` written as its literal, and each other `Class.Name` of
    `constants` as its quoted literal (lines kept)."""

    def replace(match: re.Match[str]) -> str:
        value = constants.get((match["cls"], match["name"]))
        return match.group() if value is None else f'"{value}"'

    text = _INTERPOLATED_RE.sub(lambda match: _interpolated(match, constants), text)
    return _REFERENCE_RE.sub(replace, text)
