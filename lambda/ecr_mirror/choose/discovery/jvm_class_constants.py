"""String constants of the tree's Java classes that a Testcontainers source joins into an image (pure).

A test suite often keeps the tags of the images its publish workflows push in one class, `public class ImageVersions
{ public static final String FAKE_BACKEND_VERSION = "20251117.19421579342"; }`, and its Testcontainers sources join
them, `DockerImageName.parse("ghcr.io/acme/fake-backend:" + ImageVersions.FAKE_BACKEND_VERSION)`. Java inlines such a
constant variable where it is used (a `static final String` initialised with a literal is a compile-time constant,
https://docs.oracle.com/javase/specs/jls/se21/html/jls-13.html#jls-13.1), and so does this reader: each
`Class.NAME` of a source is replaced by the literal its class declares, so the source's own reading
(testcontainers.py) sees `"ghcr.io/acme/fake-backend:" + "20251117.19421579342"`; the text keeps its lines.

Read: `static final String NAME = "literal";` (`final static` too, with any access modifier but `private`) in a
Java file of the tree named after the class (`ImageVersions.java`: a public top-level class is declared in the file
of its name, JLS 7.6). Not read: a class two files of the tree declare with different values for the name, a
constant that is not one literal, Kotlin `const val`, and a constant reached through a static import.
"""

from __future__ import annotations

import re

_REFERENCE_RE = re.compile(r"(?<![\w.\"])(?P<cls>[A-Z]\w*)[ \t]*\.[ \t]*(?P<name>[A-Za-z_]\w*)\b(?!\s*\()")
_CONSTANT_RE = re.compile(
    r"^[ \t]*(?:(?:public|protected)[ \t]+)?(?:static[ \t]+final|final[ \t]+static)[ \t]+String[ \t]+"
    r"(?P<name>[A-Za-z_]\w*)[ \t]*=[ \t]*\"(?P<value>[^\"\\\n]+)\"[ \t]*;",
    re.MULTILINE,
)

Constants = dict[tuple[str, str], str]  # (class, name) -> literal


def referenced_classes(text: str) -> set[str]:
    """The capitalised names a source qualifies another name with (`ImageVersions` of `ImageVersions.X`)."""
    return {match["cls"] for match in _REFERENCE_RE.finditer(text)}


def class_constants(cls: str, texts: list[str]) -> Constants:
    """The literal `static final String` constants of class `cls`, from the texts of the tree's files of its name;
    a name two of them give different values is left out."""
    values: dict[str, set[str]] = {}
    for text in texts:
        for match in _CONSTANT_RE.finditer(text):
            values.setdefault(match["name"], set()).add(match["value"])
    return {(cls, name): next(iter(found)) for name, found in values.items() if len(found) == 1}


def inlined(text: str, constants: Constants) -> str:
    """`text` with each `Class.NAME` of `constants` written as its literal (lines kept)."""

    def replace(match: re.Match[str]) -> str:
        value = constants.get((match["cls"], match["name"]))
        return match.group() if value is None else f'"{value}"'

    return _REFERENCE_RE.sub(replace, text)
