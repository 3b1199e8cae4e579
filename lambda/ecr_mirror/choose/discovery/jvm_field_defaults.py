"""The defaults of another class's fields that a Java Testcontainers source starts its container from (pure).

A library of Spring Boot auto-configurations keeps each image it starts in a properties class, the default written
as the field's initialiser (`@ConfigurationProperties("embedded.redis") public class RedisProperties { private String
dockerImage = "redis:4.0.12-alpine"; }`, Lombok's `@Data` writing the getter), and its configuration class starts the
container from the bound object (`new GenericContainer<>(properties.getDockerImage())`, `properties.dockerImage`).
Spring binds a property to the field only when one is set, so the initialiser is what the container gets otherwise
(https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.typesafe-
configuration-properties.java-bean-binding: "a default value ... is the initial value of the field"); the same holds
for any class whose object reaches the container unchanged. So, like a constant of another class
(jvm_class_constants.py), each `VAR.FIELD` and `VAR.getFIELD()` of a Testcontainers source is written as the literal
FIELD is initialised with, and the source is read again (testcontainers.py: a container's constructor, `super(...)` of
a container subclass, `DockerImageName.parse`, a local bound to it, `.withTag(...)`), its lines kept.

Read: VAR declared in the source with one class (a parameter, a field or a local: `RedisProperties properties`); that
class declared in a Java file of its name (`RedisProperties.java`, JLS 7.6), whose instance field (at the class body's
top level, not `static`) `String FIELD = VALUE;` has VALUE a literal or a join of literals and the class's
non-private string constants (ClickHouse's `DEFAULT_DOCKER_IMAGE + ":" + DEFAULT_DOCKER_IMAGE_TAG`); `getFIELD()`
only when the class has Lombok's `@Data`, `@Getter` or `@Value` (https://projectlombok.org/features/Data), or a
`getFIELD()` of its own returning the field. Not read: a field two files of the class's name initialise differently,
a field of a superclass (but its property: `bound_fields` with a subclass's prefix), Kotlin properties, and a setter
called before the container starts (the default is listed).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.java_value_classes import declared_class
from ecr_mirror.choose.discovery.junit_parameters import bracket_end
from ecr_mirror.choose.discovery.jvm_class_constants import class_constants

# `properties.dockerImage`, `properties.getDockerImage()` (not `properties.dockerImage(`, a method)
_ACCESS_RE = re.compile(
    r"(?<![\w.\"])(?P<variable>[a-z]\w*)[ \t]*\.[ \t]*(?:get(?P<getter>[A-Z]\w*)\(\s*\)|(?P<field>[a-z]\w*)\b(?!\s*\())"
)
_FIELD_RE = re.compile(
    r"(?:^|(?<=[;}]))\s*(?:@\w+(?:\([^()]*\))?\s+)*(?P<modifiers>(?:(?:public|protected|private|final|volatile|transient)"
    r"\s+)*)String\s+(?P<name>[a-zA-Z_]\w*)(?:\s*=\s*(?P<value>\"[^\"\\\n]*\"|[\w\"+ \t:]+?))?\s*;"
)
_PART_RE = re.compile(r"\s*\+\s*")
# `@ConfigurationProperties("embedded.redis")`, `(prefix = "...")`, `(value = "...")`
_PREFIX_RE = re.compile(
    r"^[ \t]*@(?:[\w.]+\.)?ConfigurationProperties\s*\(\s*(?:(?:prefix|value)\s*=\s*)?\"(?P<prefix>[\w.\-\[\]]+)\"",
    re.MULTILINE,
)
_LOMBOK_RE = re.compile(r"^[ \t]*@(?:lombok\.)?(?:Data|Getter|Value)\b", re.MULTILINE)

Defaults = dict[tuple[str, str], str]  # (class, field) -> the literal the field is initialised with


def accessed_classes(text: str) -> set[str]:
    """The classes a source's variables are declared with, for the variables it reads a member of."""
    variables = {match["variable"] for match in _ACCESS_RE.finditer(text)}
    return {cls for variable in variables if (cls := declared_class(text, variable)) is not None}


def _top_level(text: str, cls: str) -> str | None:
    """The body of class `cls` in `text` with the insides of its nested blocks (methods, initialisers, inner
    classes) and its comments (a field's Javadoc) blanked, or None when the file declares no such class."""
    text = without_comments(text)  # Java's `//` and `/* */` comments are Go's
    declared = re.search(r"\bclass\s+" + re.escape(cls) + r"\b[^{;]*\{", text)
    if declared is None or (end := bracket_end(text, declared.end(), "{", "}")) < 0:
        return None
    body = list(text[declared.end() : end - 1])
    at = 0
    while at < len(body):
        if body[at] == "{":
            stop = bracket_end(text, declared.end() + at + 1, "{", "}") - declared.end()
            if stop < 0:
                return None
            body[at + 1 : stop - 1] = " " * (stop - at - 2)  # the braces kept: a field may follow `}`
            at = stop
        else:
            at += 1
    return "".join(body)


def _value(expression: str, constants: dict[str, str]) -> str | None:
    out = ""
    for part in _PART_RE.split(expression.strip()):
        if len(part) >= 2 and part[0] == part[-1] == '"':
            out += part[1:-1]
        elif part in constants:
            out += constants[part]
        else:
            return None
    return out


def _getters(text: str, cls: str, fields: set[str]) -> set[str]:
    """The fields of `fields` class `cls` has a getter for: all with Lombok's `@Data`/`@Getter`/`@Value` on the
    class (before its declaration), else those with a `getFIELD()` returning `FIELD` or `this.FIELD`."""
    declared = re.search(r"\bclass\s+" + re.escape(cls) + r"\b", text)
    if declared is not None and _LOMBOK_RE.search(text, 0, declared.start()):
        return fields
    return {
        field
        for field in fields
        if re.search(
            r"\bget"
            + re.escape(field[:1].upper() + field[1:])
            + r"\s*\(\s*\)\s*\{\s*return\s+(?:this\s*\.\s*)?"
            + re.escape(field)
            + r"\s*;",
            text,
        )
    }


def field_defaults(cls: str, texts: list[str]) -> tuple[Defaults, set[str]]:
    """The string fields of class `cls` (from the tree's files of its name) initialised with a literal or a join
    of literals and its constants (a field two files initialise differently is left out), and the string fields,
    initialised or not, its getters return."""
    constants = {name: value for (_, name), value in class_constants(cls, texts).items()}
    values: dict[str, set[str]] = {}
    getters: set[str] = set()
    for text in texts:
        if (body := _top_level(text, cls)) is None:
            continue
        own: set[str] = set()
        for match in _FIELD_RE.finditer(body):
            own.add(match["name"])
            if match["value"] is not None and (value := _value(match["value"], constants)) is not None:
                values.setdefault(match["name"], set()).add(value)
        getters |= _getters(text, cls, own)
    return {(cls, name): found.pop() for name, found in values.items() if len(found) == 1}, getters


def configuration_prefix(cls: str, texts: list[str]) -> str | None:
    """The prefix of class `cls` when it is a `@ConfigurationProperties("prefix")` class."""
    for text in texts:
        declared = re.search(r"\bclass\s+" + re.escape(cls) + r"\b", text)
        prefixes = [m["prefix"] for m in _PREFIX_RE.finditer(text, 0, declared.start() if declared else 0)]
        if prefixes:
            return prefixes[-1]
    return None


def bound_fields(cls: str, texts: list[str], prefix: str | None = None) -> dict[str, set[str]]:
    """field -> the property names Spring Boot binds to it, for the string fields of class `cls` when it is a
    `@ConfigurationProperties("prefix")` class (or, with `prefix`, a parent of such a class: Spring binds the fields
    a class inherits under its own prefix): `prefix.image-name` (the canonical kebab case), `prefix.imageName`
    and `prefix.image_name`, all of which relaxed binding reads into `imageName` (https://docs.spring.io/spring-boot/
    reference/features/external-config.html#features.external-config.typesafe-configuration-properties.relaxed-
    binding)."""
    out: dict[str, set[str]] = {}
    for text in texts:
        prefixes = [prefix] if prefix else [found] if (found := configuration_prefix(cls, [text])) else []
        if not prefixes or (body := _top_level(text, cls)) is None:
            continue
        for match in _FIELD_RE.finditer(body):
            field = match["name"]
            snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", field).lower()
            out.setdefault(field, set()).update(
                f"{prefixes[-1]}.{name}" for name in (field, snake, snake.replace("_", "-"))
            )
    return out


def inlined_fields(text: str, defaults: Defaults, getters: dict[str, set[str]]) -> str:
    """`text` with each `VAR.FIELD` (and `VAR.getFIELD()`, where the class has that getter) of a field in
    `defaults` written as its literal, VAR declared in `text` with the field's class (lines kept)."""
    classes: dict[str, str | None] = {}

    def replace(match: re.Match[str]) -> str:
        variable = match["variable"]
        if variable not in classes:
            classes[variable] = declared_class(text, variable)
        cls = classes[variable]
        getter = match["getter"]
        field = getter[:1].lower() + getter[1:] if getter else match["field"]
        if cls is None or (cls, field) not in defaults or (getter and field not in getters.get(cls, set())):
            return match.group()
        return '"' + defaults[(cls, field)] + '"'

    return _ACCESS_RE.sub(replace, text)
