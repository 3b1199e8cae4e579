"""The images a Java source starts from a field of a small value class of its own (pure; testcontainers.py reads
the sources).

A test keeps each database it runs against in an object of a class of the same file (`private static final DbProps
MYSQL = new DbProps("mysql", "mysql:8.0.32", 3306);`, `private static class DbProps { ... DbProps(String system,
String image, int port) { this.image = image; ... } }`, or a record, `record Spec(String image, int port)`) and
starts a container from the field (`new GenericContainer<>(props.image)`, `spec.image()`, a variable or parameter
declared with that class). The field's constructor parameter (by its position; a record's component) is read in
each `new DbProps(...)` of the file: a literal in that place, or a name the file binds to literals, at its line. A
field no container is given, a class another file defines, and a constructor setting the field from anything but a
parameter, give nothing.

The class's own field works the same way (`new PostgreSQLContainer<>(this.imageName)`): the constructor that sets it
from a parameter is given the image by each `this(...)` of the class's other constructors, which delegate to it
(https://docs.oracle.com/javase/specs/jls/se21/html/jls-8.html#jls-8.8.7.1), and by each `new CLASS(...)` of the file:
r2dbc-postgresql's test extension, `this(IMAGE_NAME)` with `static final String IMAGE_NAME = "postgres:18"`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.junit_parameters import bracket_end, top_level_items
from ecr_mirror.choose.discovery.source_names import SourceNames

# `new GenericContainer<>(props.image)`, `DockerImageName.parse(spec.image())`
_GIVEN_RE = re.compile(
    r"(?:\b[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?\s*\(|\bDockerImageName\s*\.\s*parse\()\s*"
    r"(?P<variable>[a-z]\w*)\s*\.\s*(?P<field>[a-z]\w*)(?:\(\s*\))?\s*[,)]"
)
_STRING_RE = re.compile(r'\s*"(?P<value>[^"\\\n]+)"\s*')
_NAME_RE = re.compile(r"\s*(?P<name>[A-Za-z_]\w*)\s*")


def declared_class(text: str, variable: str) -> str | None:
    """The class a variable or parameter named `variable` is declared with (`DbProps props`), when one only."""
    types = set(re.findall(r"\b([A-Z]\w*)\s+" + re.escape(variable) + r"\s*[,)=;]", text))
    return types.pop() if len(types) == 1 else None


def _position(text: str, cls: str, field: str) -> int | None:
    """The position of the constructor parameter (or record component) of the file's class `cls` that sets
    `field`."""
    record = re.search(r"\brecord\s+" + re.escape(cls) + r"\s*\(", text)
    if record is not None and (end := bracket_end(text, record.end(), "(", ")")) > 0:
        names = [_last_word(text[a:b]) for a, b in top_level_items(text, record.end(), end - 1)]
        return names.index(field) if field in names else None
    if re.search(r"\bclass\s+" + re.escape(cls) + r"\b", text) is None:
        return None
    for constructor in re.finditer(r"(?<![\w.])" + re.escape(cls) + r"\s*\(", text):
        end = bracket_end(text, constructor.end(), "(", ")")
        body = re.compile(r"\s*(?:throws[\w.,\s]+)?\{").match(text, end) if end > 0 else None
        if body is None or text[: constructor.start()].rstrip().endswith("new"):
            continue
        names = [_last_word(text[a:b]) for a, b in top_level_items(text, constructor.end(), end - 1)]
        setting = re.search(
            r"\bthis\s*\.\s*" + re.escape(field) + r"\s*=\s*(\w+)\s*;",
            text[body.end() : bracket_end(text, body.end(), "{", "}")],
        )
        if setting is not None and setting.group(1) in names:
            return names.index(setting.group(1))
    return None


def _last_word(item: str) -> str:
    words = re.findall(r"[A-Za-z_]\w*", item)
    return words[-1] if words else ""


def _own_class(text: str, field: str) -> tuple[str, int, int] | None:
    """(class, start, end of its body) of the one class of the file whose constructor sets its `field` from a
    parameter (`this.imageName = imageName;`), for `this.FIELD`."""
    found = []
    for declared in re.finditer(r"\bclass\s+(?P<cls>[A-Z]\w*)\b[^{;]*\{", text):
        if _position(text, declared["cls"], field) is not None:
            found.append((declared["cls"], declared.end(), bracket_end(text, declared.end(), "{", "}")))
    return found[0] if len(found) == 1 and found[0][2] > 0 else None


def _creations(text: str, cls: str, own: tuple[str, int, int] | None) -> list[re.Match[str]]:
    """The calls giving `cls`'s constructor its arguments: each `new CLS(` of the file, and for the class's own
    field each `this(` in its body (a constructor delegating to another)."""
    calls = list(re.finditer(r"\bnew\s+" + re.escape(cls) + r"\s*\(", text))
    if own is not None:
        calls += re.compile(r"(?<![\w.])this\s*\(").finditer(text, own[1], own[2])
    return calls


def value_class_images(text: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image) of each image a container takes from a field of a value class of the file, or from a field
    of its own class that a constructor sets from a parameter."""
    out: list[tuple[int, str]] = []
    for given in _GIVEN_RE.finditer(text):
        own = _own_class(text, given["field"]) if given["variable"] == "this" else None
        cls = own[0] if own is not None else declared_class(text, given["variable"])
        position = _position(text, cls, given["field"]) if cls is not None else None
        if cls is None or position is None:
            continue
        for created in _creations(text, cls, own):
            end = bracket_end(text, created.end(), "(", ")")
            items = top_level_items(text, created.end(), end - 1) if end > 0 else []
            if position >= len(items):
                continue
            start, stop = items[position]
            if (literal := _STRING_RE.fullmatch(text, start, stop)) is not None:
                out.append((literal.start("value"), literal["value"]))
            elif (name := _NAME_RE.fullmatch(text, start, stop)) is not None:
                out += names.values(name["name"])
    return out
