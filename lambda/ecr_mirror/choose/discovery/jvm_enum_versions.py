"""Images a Java container class joins from an enum of versions, one per constant the tree names (pure).

A CDC test library's container class takes its version as an enum (Flink CDC's and seatunnel's `MySqlContainer`):
`public MySqlContainer(MySqlVersion version) { super(DockerImageName.parse(IMAGE + ":" + version.getVersion())); }`
with `enum MySqlVersion { V5_7("5.7"), V8_0("8.0"); ... public String getVersion() { return version; } }`, and the
tests pick one, `new MySqlContainer(MySqlVersion.V8_0)` or through a helper of their own. Which constants reach the
constructor is known only by following each call, so each constant a source of the tree names (`MySqlVersion.V5_7`,
in a file of the enum's package or one that imports it) is read as one image, at the line naming it.

Read: in a source that imports Testcontainers, a constructor of its class taking one parameter of a capitalised type
(not `String`) that gives `super(...)`, a `...Container` constructor or `DockerImageName.parse(...)` a join (`+`) of
literals, names the file binds to literals (source_names.py) and that parameter's getter without arguments
(`version.getVersion()`); the enum of that type (the file's import of it, else the file's package) whose constants
each take one string literal (`V5_7("5.7")`) and which defines that getter returning a field. Not read: a constant
with other arguments, a getter that computes, Kotlin, and a constant named only through a static import.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_helpers import block
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

_PACKAGE_RE = re.compile(r"^\s*package\s+(?P<package>[\w.]+)\s*;", re.MULTILINE)
_CLASS_RE = re.compile(r"\bclass\s+(?P<cls>[A-Z]\w*)")
_LITERAL = r'"[^"\\\n]*"'
_MAX_IMAGES = 16  # combinations of one join's names


@dataclass(frozen=True, slots=True)
class EnumImage:
    """A container class's image joined from a literal-only template and an enum constant's string."""

    enum: str  # the enum's fully qualified name
    getter: str
    parts: tuple[tuple[str, ...], ...]  # each part's possible texts; the enum's value is the empty tuple


def _qualified(text: str, name: str) -> str:
    """The fully qualified name a source means by a simple type name: its import, else its own package's."""
    imported = re.search(r"^\s*import\s+(?P<fqn>[\w.]+\." + re.escape(name) + r")\s*;", text, re.MULTILINE)
    if imported is not None:
        return imported["fqn"]
    package = _PACKAGE_RE.search(text)
    return f"{package['package']}.{name}" if package else name


def enum_images(text: str) -> set[EnumImage]:
    """The images a Testcontainers source's class joins from an enum parameter of one of its constructors."""
    if (owner := _CLASS_RE.search(text)) is None:
        return set()
    names = SourceNames.of(text)
    out: set[EnumImage] = set()
    constructor = re.compile(
        r"\b" + re.escape(owner["cls"]) + r"\s*\(\s*(?:final\s+)?(?P<type>[A-Z]\w*)\s+(?P<param>[a-z]\w*)\s*\)\s*\{"
    )
    for match in constructor.finditer(text):
        if match["type"] == "String":
            continue
        getter = re.escape(match["param"]) + r"\s*\.\s*(?P<getter>[a-z]\w*)\(\s*\)"
        part = r"(?:" + _LITERAL + r"|[A-Z_a-z]\w*(?:\s*\.\s*[a-z]\w*\(\s*\))?)"
        join = re.compile(
            r"(?:\bsuper\(|\b[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?\s*\(|\bDockerImageName\s*\.\s*parse\()\s*"
            r"(?:DockerImageName\s*\.\s*parse\(\s*)?(?P<join>" + part + r"(?:\s*\+\s*" + part + r")+)\s*\)"
        )
        for given in join.finditer(block(text, match.end())):
            parts: list[tuple[str, ...]] = []
            getters: set[str] = set()
            for piece in re.split(r"\s*\+\s*", given["join"].strip()):
                if (called := re.fullmatch(getter, piece)) is not None:
                    getters.add(called["getter"])
                    parts.append(())
                elif piece.startswith('"'):
                    parts.append((piece[1:-1],))
                elif "(" not in piece and (values := sorted({value for _, value in names.values(piece)})):
                    parts.append(tuple(values))
                else:
                    break
            else:
                if len(getters) == 1:
                    out.add(EnumImage(_qualified(text, match["type"]), getters.pop(), tuple(parts)))
    return out


def enum_constants(text: str, wanted: set[EnumImage]) -> dict[str, dict[str, str]]:
    """{fully qualified enum: {constant: value}} of the enums of `wanted` a source declares, when their constants
    each take one string literal and the enum defines the getter as returning a field."""
    out: dict[str, dict[str, str]] = {}
    package = _PACKAGE_RE.search(text)
    for declared in re.finditer(r"\benum\s+(?P<name>[A-Z]\w*)\s*\{", text):
        fqn = f"{package['package']}.{declared['name']}" if package else declared["name"]
        getters = {image.getter for image in wanted if image.enum == fqn}
        body = block(text, declared.end())
        returning = r"\b(?:" + "|".join(map(re.escape, getters)) + r")\(\s*\)\s*\{\s*return\s+(?:this\.)?\w+\s*;\s*\}"
        if not getters or re.search(returning, body) is None:
            continue
        head = body.split(";", 1)[0]  # the constants, up to the first `;`
        constants = re.findall(r"\b([A-Z][A-Z0-9_]*)\s*\(\s*\"([^\"\\\n]*)\"\s*\)", head)
        if constants and len(constants) == len(re.findall(r"\b[A-Z][A-Z0-9_]*\s*\(", head)):
            out[fqn] = dict(constants)
    return out


def named_constants(
    text: str, origin: str, wanted: set[EnumImage], constants: dict[str, dict[str, str]]
) -> list[Found]:
    """The images of the enum constants a Java source names (`MySqlVersion.V5_7`), at the line naming each."""
    package = _PACKAGE_RE.search(text)
    lines = LineIndex(text)
    given: set[tuple[int, str]] = set()
    for image in wanted:
        if image.enum not in constants:
            continue
        enum_package, _, simple = image.enum.rpartition(".")
        imported = re.search(r"^\s*import\s+" + re.escape(image.enum) + r"\s*;", text, re.MULTILINE) is not None
        if not imported and (package is None or package["package"] != enum_package):
            continue
        for named in re.finditer(r"(?<![\w.])" + re.escape(simple) + r"\s*\.\s*([A-Z][A-Z0-9_]*)\b", text):
            if (value := constants[image.enum].get(named.group(1))) is None or lines.led_by(named.start(), ("//", "*")):
                continue
            choices = [part or (value,) for part in image.parts]
            for combination in itertools.islice(itertools.product(*choices), _MAX_IMAGES):
                given.add((named.start(), "".join(combination)))
    return [
        Found(image, origin, lines.line(at), use="testcontainers", kind="Java source")
        for at, image in sorted(given)
        if reference_or_none(image) is not None
    ]
