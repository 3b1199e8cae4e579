"""Images a Java, Kotlin or Groovy source pulls by running docker as an argument list (pure).

A test helper that starts the database its tests use often runs docker itself, handing the program and its arguments
as separate strings, the form `ProcessBuilder(String...)` and `Runtime.exec(String[])` take
(https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/ProcessBuilder.html): `new String[]
{"docker", "run", "--rm", "-d", "-p", PORT + ":5432", "postgres:16"}` passed to a runner of the project's own,
`new ProcessBuilder("docker", "run", ...)`, Kotlin's `listOf("docker", "pull", "redis:7")`. Read: every list, a
call's arguments or an array's elements, whose first element is the literal "docker" or "podman" (`(` or `{` right
before it), as that command, by docker_run.py's rules (so only `run`, `create` and `pull` give images); a literal
string is a word, any other element (a name, a concatenation, a call) a word known only when the program runs
(`${NAME}`, `${JVM_EXPRESSION}`): as an option's value it is not in the way of the image after it, as the image it
is unresolved, naming it. Each image is listed at its element's line. Not read: a list whose first element is
another word (`log.info("starting", "docker", ...)`, `{"echo", "docker", ...}`), a command line given as one
string, words added to a list later, comments.
"""

from __future__ import annotations

import dataclasses
import re
import shlex

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_expressions import expression_end, placeholder
from ecr_mirror.choose.discovery.testcontainers import language_of

_LANGUAGES = frozenset({"Java", "Kotlin", "Groovy"})
_STRING_RE = re.compile(r'"(?P<double>[^"\\\n]*)"')
# the program as the first element of a call's arguments or an array's elements: `("docker", ` / `{"podman", `
_START_RE = re.compile(r'(?P<open>[({])\s*"(?P<program>docker|podman)"\s*,')
_SPACE_RE = re.compile(r"\s*")
_CLOSE = {"(": ")", "{": "}"}
_COMMENTS = ("//", "/*", "*")


def _elements(text: str, at: int, close: str) -> list[tuple[str, int]]:
    """(shell word, offset) of each element of the list from `at` up to `close`: a literal's text quoted, any other
    expression a variable; the words read so far when an element cannot be read."""
    elements: list[tuple[str, int]] = []
    while True:
        at = _SPACE_RE.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string
        if at >= len(text) or text[at] == close:
            return elements
        literal = _STRING_RE.match(text, at)
        after = _SPACE_RE.match(text, literal.end()).end() if literal else at  # type: ignore[union-attr]
        if literal is not None and text[after : after + 1] in (",", close):
            elements.append((shlex.quote(literal["double"]), at))
            end = after
        else:
            end = expression_end(text, at, _STRING_RE, '"', unread_ends=True)
            expression = text[at:end].strip()
            if end >= len(text) or not expression or expression.endswith("..."):
                return elements  # not closed, or a spread: the rest is not known
            elements.append((f'"{placeholder(expression, "JVM_EXPRESSION")}"', at))
        if text[end : end + 1] != ",":
            return elements
        at = end + 1


def _line(item: Found, elements: list[tuple[str, int]], lines: LineIndex, start: int) -> int:
    """The line of the element an image was read from (the first whose word gives its text), else the list's."""
    for word, offset in elements:
        if item.text in (word, word.strip("'\"")):
            return lines.line(offset)
    return lines.line(start)


def may_run_docker(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold a list this module reads (checked before it is decoded)."""
    return language_of(origin) in _LANGUAGES and (b'"docker"' in data or b'"podman"' in data)


def jvm_docker_runs(text: str, origin: str) -> list[Found]:
    """The images of the docker commands a JVM source writes as argument lists, in order (see the module)."""
    language = language_of(origin)
    if language not in _LANGUAGES:
        return []
    found: list[Found] = []
    lines = LineIndex(text)
    for start in _START_RE.finditer(text):
        if lines.led_by(start.start(), _COMMENTS):
            continue
        elements = _elements(text, start.end(), _CLOSE[start["open"]])
        command = " ".join([start["program"], *(word for word, _ in elements)])
        for item in docker_runs(command, origin):
            line = _line(item, elements, lines, start.start("program"))
            found.append(dataclasses.replace(item, line=line, kind=f"{language} source"))
    return found
