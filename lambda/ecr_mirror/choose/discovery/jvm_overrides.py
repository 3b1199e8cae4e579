"""Images a Java or Kotlin container base class takes from a method its subclasses override (pure).

A test base class often starts its container from what a method of its own returns, and leaves each subclass to say
which image: an engine base `AbstractTestFlinkContainer` writes `final String dockerImage = getDockerImage();` then
`new GenericContainer<>(dockerImage)`, and `Flink13Container extends AbstractTestFlinkContainer` overrides
`protected String getDockerImage() { return "tyrantlucifer/flink:1.13.6-scala_2.11_hadoop27"; }`. Java calls the
override (virtual dispatch, https://docs.oracle.com/javase/specs/jls/se21/html/jls-15.html#jls-15.12.4.4), so the
subclass's image is the one pulled, though its file need not name Testcontainers at all.

The same holds for a method called on a variable: a library of Spring Boot auto-configurations starts every
container from `String defaultImage = properties.getDefaultDockerImage();` then `DockerImageName.parse(defaultImage)`
in one helper, `properties` declared with the abstract `CommonContainerProperties`, and each module's properties
class overrides the method (`RedisProperties`'s `return "redis:7.4.0-alpine";`).

Read: in a source that imports Testcontainers, a method without parameters of the file's class whose call
(`getDockerImage()`, `this.getDockerImage()`), or a local name bound to that call (`String image =
getDockerImage();`, Kotlin `val image = getDockerImage()`), is given first to a container's constructor (`new
XContainer<>(...)`, `XContainer(...)`) or to `DockerImageName.parse(...)`, and so a method without parameters called
so on a variable the file declares with one class (`properties.getDefaultDockerImage()`, a parameter, field or local
`CommonContainerProperties properties`: that class's method); then, in each class of the tree that
extends that class (by its simple name, through any chain of subclasses), the `return` statements of its override of
the method: a literal, a name its file binds to literals, or a join of them (source_names.py), at the literal's line.
A file's class is the one it declares at its top level named as the file (`Flink13Container.java`: `class
Flink13Container`, not a class nested in it nor another class of the file; a Kotlin file without a class of its name,
its first top-level class), a Kotlin `object` declaration too (`object Engine : Base()`, a class with one instance,
https://kotlinlang.org/docs/object-declarations.html).
Not read: a method with parameters, the variable's class's own method (an abstract one in the shape above), an
override in an anonymous class or a nested class, and a subclass that names a parent of the
same simple name in another package (the name alone is matched).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.java_value_classes import declared_class
from ecr_mirror.choose.discovery.jvm_class_constants import TYPE_PARAMETERS
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

# `class Flink13Container extends AbstractTestFlinkContainer` (Java), `class Flink13Container : AbstractTestFlink(`
# (Kotlin; `object Engine : Base()` too): the `extends` or `:` of the declaration itself, after its type parameters
# (`class C<SELF extends C<SELF>> extends Base`: not the bound, JLS 8.1) and Kotlin's primary constructor (`class
# C(val tag: String) : Base()`, https://kotlinlang.org/docs/classes.html#constructors: not a parameter's type); white
# space read possessively and each part atomically, so that a long declaration that extends nothing is given up at
# once
_KOTLIN_CONSTRUCTOR = r"(?>(?:@[\w.]++\s*+)*+(?:(?:private|protected|internal|public)\s++)?constructor\s*+)?"
EXTENDS_RE = re.compile(
    (
        rf"\b(?:class|object)\s++(?P<cls>[A-Z]\w*+)\s*+(?>{TYPE_PARAMETERS})\s*+{_KOTLIN_CONSTRUCTOR}"
        r"(?>\((?:[^()]|\([^()]*\))*\))?\s*+(?:\bextends\s++|:\s*+)(?:[\w.]+\.)?(?P<parent>[A-Z]\w*)\b"
    ).encode()
)
_CLASS_RE = re.compile(r"\bclass\s+(?P<cls>[A-Z]\w*)")
# `getDockerImage()`, `this.getDockerImage()`, or a call on a variable of a declared class, `properties.getImage()`
_CALL = r"(?<![\w.])(?:this\s*\.\s*|(?P<variable>[a-z]\w*)\s*\.\s*)?(?P<method>[a-z]\w*)\(\s*\)"
# `String dockerImage = getDockerImage();`, `final var image = this.image();`, Kotlin `val image = getDockerImage()`
_LOCAL_RE = re.compile(
    r"^[ \t]*(?:final[ \t]+)?(?:String|var|val)[ \t]+(?P<name>[a-zA-Z_]\w*)(?:[ \t]*:[ \t]*String)?[ \t]*=[ \t]*"
    + _CALL
    + r"[ \t]*;?[ \t]*$",
    re.MULTILINE,
)
_STARTS = r"(?:\b[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?\s*\(|\bDockerImageName\s*\.\s*parse\()\s*{given}\s*[,)]"
_STARTED_CALL_RE = re.compile(_STARTS.format(given=_CALL))
_COMMENTS = ("//", "*", "/*")


def declared_parent(origin: str, data: bytes) -> tuple[str, str] | None:
    """(class, parent) of the class a Java or Kotlin source `origin` declares at its top level named as the file, when
    it extends one; in Kotlin, whose files may be named otherwise, else of its first top-level class that does. Braces
    are counted between declarations (once over the file), those of strings and comments too."""
    stem = PurePath(origin).stem.encode()
    depth, counted = 0, 0
    first: re.Match[bytes] | None = None
    for declaration in EXTENDS_RE.finditer(data):
        depth += data.count(b"{", counted, declaration.start()) - data.count(b"}", counted, declaration.start())
        counted = declaration.start()
        if depth > 0:
            continue  # a nested class
        if declaration["cls"] == stem:
            return declaration["cls"].decode(), declaration["parent"].decode()
        first = first or declaration
    if first is None or language_of(origin) != "Kotlin":
        return None
    return first["cls"].decode(), first["parent"].decode()


@dataclass(frozen=True, slots=True)
class ImageMethod:
    """A class's method without parameters whose result a container of the class is started from."""

    cls: str
    method: str


def _owner(text: str, call: re.Match[str], own: str | None) -> str | None:
    """The class whose method `call` calls: the file's own (`getImage()`, `this.getImage()`), or the one class its
    variable is declared with (`properties.getImage()` with `BaseProperties properties`)."""
    variable = call["variable"]
    return own if variable is None or variable == "this" else declared_class(text, variable)


def image_methods(text: str) -> set[ImageMethod]:
    """The methods without parameters a Testcontainers source starts a container from: its own class's, and those
    of the class a variable it calls them on is declared with (Java calls the override of the object's class,
    https://docs.oracle.com/javase/specs/jls/se21/html/jls-15.html#jls-15.12.4.4)."""
    owner = _CLASS_RE.search(text)
    own = owner["cls"] if owner is not None else None
    lines = LineIndex(text)
    calls = [m for m in _STARTED_CALL_RE.finditer(text) if not lines.led_by(m.start(), _COMMENTS)]
    for local in _LOCAL_RE.finditer(text):
        started = re.compile(_STARTS.format(given=re.escape(local["name"])))
        if any(not lines.led_by(m.start(), _COMMENTS) for m in started.finditer(text, local.end())):
            calls.append(local)
    return {ImageMethod(cls, call["method"]) for call in calls if (cls := _owner(text, call, own)) is not None}


def subclasses(relations: Iterable[tuple[str, str]], methods: set[ImageMethod]) -> dict[str, set[str]]:
    """Each class that extends (through any chain) a class of `methods`: the image methods it inherits.
    `relations` are (class, parent) pairs of the tree's sources."""
    inherited: dict[str, set[str]] = {}
    for method in methods:
        inherited.setdefault(method.cls, set()).add(method.method)
    relations = list(relations)
    out: dict[str, set[str]] = {}
    changed = True
    while changed:
        changed = False
        for cls, parent in relations:
            if parent in inherited and not inherited[parent] <= inherited.get(cls, set()):
                inherited.setdefault(cls, set()).update(inherited[parent])
                out.setdefault(cls, set()).update(inherited[parent])
                changed = True
    return out


def override_images(text: str, origin: str, cls: str, inherited: dict[str, set[str]]) -> list[Found]:
    """The images the overrides of the image methods class `cls` (the file's) inherits return, in its order."""
    if cls not in inherited:
        return []
    names = SourceNames.of(text)
    lines = LineIndex(text)
    given: set[tuple[int, str]] = set()
    for method in inherited[cls]:
        for at, parts in names.joins.get(method + "()", []):
            if lines.led_by(at, _COMMENTS):
                continue
            if len(parts) == 1 and not parts[0][0]:  # `return IMAGE;`: at the line of the literal IMAGE holds
                given.update(names.values(parts[0][1]))
            else:
                given.update(item for item in names.values(method + "()") if item[0] == at)
    kind = language_of(origin) or "Java"
    return [
        Found(image.strip(), origin, lines.line(at), use="testcontainers", kind=f"{kind} source")
        for at, image in sorted(given)
        if reference_or_none(image.strip()) is not None
    ]
