"""Images Java and Kotlin tests hand a method of their own base class that starts a Testcontainers container (pure).

A test base class often wraps the container: redisson's `RedisDockerTest` says `protected static GenericContainer<?>
createContainerByImage(String imageName, String... params) { return new GenericContainer<>(imageName)...; }`, and its
tests, `class RedissonShardedTopicTest extends RedisDockerTest`, call `createContainerByImage("redis:6.2")`. A method
of a source that imports Testcontainers whose first parameter is a `String` it passes first to a container's
constructor (`new XContainer<>(p)`, `GenericContainer(p)`) or to `DockerImageName.parse(p)` is such a helper, also
when that `String` parameter comes after others (OpenLineage's `genericContainer(Network network, String image, String
hostname)`, called as `genericContainer(network, KAFKA_IMAGE, "kafka-host")`: the image is the call's second
argument); its calls with a literal in that place, or a name the calling file binds to literals (source_names.py),
are read in the class's own file and in the sources that extend the class (`extends NAME`, Kotlin `: NAME(`) or call
it by name (`NAME.method(`), at the literal's line. Not read: calls from sources that do not import Testcontainers
(only their own subclasses' helpers are looked for), and a helper's helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

_CLASS_RE = re.compile(r"\bclass\s+(?P<cls>[A-Z]\w*)")
# `... NAME(Type a, String p, ...) {` (Java) or `fun NAME(a: Type, p: String, ...)... {` (Kotlin)
_METHOD_RE = re.compile(r"(?<![\w.])(?:fun\s+)?(?P<name>[a-z]\w*)\s*\((?P<params>[^(){};]*)\)[^{};=]*\{")
_JAVA_STRING_RE = re.compile(r"(?:final\s+)?(?:@\w+\s+)*String\s+(?P<name>\w+)")
_KOTLIN_STRING_RE = re.compile(r"(?:val\s+|var\s+)?(?P<name>\w+)\s*:\s*String")
_MAX_CALL = 2048  # characters of a call's arguments read (an unclosed call is not read past them)
_ARGUMENT_RE = re.compile(r"\"(?P<image>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*)")
_COMMENTS = ("//", "*", "/*")


@dataclass(frozen=True, slots=True)
class Helper:
    """A base class's method that starts a container from the image its first parameter names."""

    cls: str
    method: str
    position: int = 0  # which argument is the image


def block(text: str, start: int) -> str:
    """The text from `start` (just after a `{`) to its matching `}`, included."""
    depth, at = 1, start
    while at < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[at], 0)
        at += 1
    return text[start:at]


def split_arguments(text: str) -> list[str] | None:
    """The top-level comma-separated parts of `text` up to its closing `)` (None when it does not close): brackets,
    generics and strings kept whole."""
    parts: list[str] = []
    depth, start, at = 0, 0, 0
    while at < min(len(text), _MAX_CALL):
        char = text[at]
        if char == '"':
            close = text.find('"', at + 1)
            at = close if close != -1 and "\n" not in text[at:close] else at
        elif char in "([{<":
            depth += 1
        elif char in "]}>" or (char == ")" and depth):
            depth -= 1
        elif char == ")":
            return [*parts, text[start:at]]
        elif char == "," and depth == 0:
            parts.append(text[start:at])
            start = at + 1
        at += 1
    return None


def image_helpers(text: str) -> set[Helper]:
    """The helpers a source (that imports Testcontainers) defines."""
    if (owner := _CLASS_RE.search(text)) is None:
        return set()
    helpers: set[Helper] = set()
    for method in _METHOD_RE.finditer(text):
        params = [param.strip() for param in split_arguments(method["params"] + ")") or []]
        strings = [
            (position, named["name"])
            for position, param in enumerate(params)
            if (named := _JAVA_STRING_RE.fullmatch(param) or _KOTLIN_STRING_RE.fullmatch(param)) is not None
        ]
        if not strings:
            continue
        body = block(text, method.end())
        for position, name in strings:
            parameter = re.escape(name)
            started = rf"\b[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?\s*\(\s*{parameter}\s*[,)]"
            parsed = rf"\bDockerImageName\s*\.\s*parse\(\s*{parameter}\s*\)"
            if re.search(started, body) or re.search(parsed, body):
                helpers.add(Helper(owner["cls"], method["name"], position))
    return helpers


def _reaches(text: str, helper: Helper) -> bool:
    """Whether a source may call the helper: the class itself, a class extending it, or a call by the class's name."""
    cls = re.escape(helper.cls)
    own = any(match["cls"] == helper.cls for match in _CLASS_RE.finditer(text))
    extends = re.search(rf"(?:\bextends|:)\s*{cls}\b", text) is not None
    return own or extends or f"{helper.cls}.{helper.method}(" in text


def helper_images(text: str, origin: str, helpers: set[Helper]) -> list[Found]:
    """The images a source hands the helpers it may call, in its order."""
    kind = language_of(origin) or "Java"
    names: SourceNames | None = None
    given: set[tuple[int, str]] = set()
    lines = LineIndex(text)
    for helper in helpers:
        if helper.method not in text or not _reaches(text, helper):
            continue
        names = names or SourceNames.of(text)
        call = re.compile(rf"(?<![\w$])(?:{re.escape(helper.cls)}\.)?{re.escape(helper.method)}\(")
        for match in call.finditer(text):
            if lines.led_by(match.start(), _COMMENTS):
                continue
            arguments = split_arguments(text[match.end() : match.end() + _MAX_CALL])
            if arguments is None or len(arguments) <= helper.position:
                continue
            written = arguments[helper.position]
            at = match.end() + sum(len(part) + 1 for part in arguments[: helper.position])
            if (argument := _ARGUMENT_RE.fullmatch(written.strip())) is None:
                continue
            if argument["image"] is not None:
                given.add((at + written.index('"') + 1, argument["image"]))
            else:
                given |= set(names.values(argument["name"]))
    return [
        Found(image.strip(), origin, lines.line(at), use="testcontainers", kind=f"{kind} source")
        for at, image in sorted(given)
        if reference_or_none(image.strip()) is not None
    ]
