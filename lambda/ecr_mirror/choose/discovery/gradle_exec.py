"""Images a Gradle build pulls by running docker from an Exec task's command line (pure).

Gradle's `Exec` task, and `exec { }` / `project.exec { }` in a task's actions, run `commandLine`, "the full command
line, including the executable plus its arguments" (https://docs.gradle.org/current/dsl/org.gradle.api.tasks.Exec.html),
given as separate strings: Groovy's command expression `commandLine 'docker', 'pull', 'alpine:3.19'` (the arguments
run to the end of the line, a trailing `,` going on to the next), a call `commandLine("docker", ...)`, or an
assignment `commandLine = listOf(...)` / `= [...]`. A build that pulls the images its integration tests inspect
(blackduck-docker-inspector's `pullAlpineLatest` task, `commandLine "docker", "pull", "alpine:latest"`) or starts a
database before them names them so. Read: each command line whose first element is the literal `docker` or
`podman`, by docker_run.py's rules (only `run`, `create` and `pull` give images: `rmi`, `save`, `build` do not); a
quoted literal is a word, one with a template (`"db-${project.name}"`, `"$tag"`) a word with a variable, any other
element (a name, a call) a word known only when the build runs (`${NAME}`, `${GRADLE_EXPRESSION}`): no obstacle as
an option's value, unresolved as the image, naming it. Each image at its element's line. Not read: a command line
given as one string (`commandLine 'sh', '-c', 'docker pull x'`), `args` added apart from `commandLine`, comments, and
an element that cannot be read (a string with escapes, or with a template not closed in it: `"alpine:${tag"`) or any
element after it.
"""

from __future__ import annotations

import dataclasses
import re
import shlex

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_expressions import placeholder

KIND = "Gradle build (Exec task)"
# `commandLine` and what opens its list: `(`, `= [`, `= listOf(` (arrayOf, mutableListOf), or nothing (Groovy's
# command expression), the program its first element
_START_RE = re.compile(
    r"\bcommandLine\s*(?P<open>\(|=\s*\[|=\s*(?:listOf|mutableListOf|arrayOf)\s*\(|(?=[\"']))\s*"
    r"(?P<quote>[\"'])(?P<program>docker|podman)(?P=quote)\s*,"
)
_STRING_RE = re.compile(r"\"(?P<double>[^\"\\\n]*)\"|'(?P<single>[^'\\\n]*)'")
_TEMPLATE_RE = re.compile(r"\$\{(?P<expression>[^{}]*)\}|\$(?P<name>[A-Za-z_]\w*)")
_OTHER_RE = re.compile(r"[^,()\[\]\"'\n]+(?:\([^()\n]*\))?")  # a name, a property, a call without nesting
_COMMENTS = ("//", "/*", "*")


def _word(literal: re.Match[str]) -> str | None:
    """A literal as a shell word: a single-quoted one as written, a double-quoted one with its templates (`$name`,
    `${expr}`) as variables; None for one with a template not closed in it (`"a-${b"`: Groovy reads on past its `"`,
    so where the string ends is not known)."""
    if literal["single"] is not None:
        return shlex.quote(literal["single"])
    text = literal["double"]
    if text.rfind("${") > text.rfind("}"):
        return None
    parts, at = [], 0
    for template in _TEMPLATE_RE.finditer(text):
        parts += [shlex.quote(text[at : template.start()]) if template.start() > at else ""]
        expression = template["name"] or template["expression"]
        parts += ['"' + placeholder(expression, "GRADLE_EXPRESSION") + '"']
        at = template.end()
    parts += [shlex.quote(text[at:]) if at < len(text) or not parts else ""]
    return "".join(parts)


def _elements(text: str, at: int, close: str) -> list[tuple[str, int]]:
    """(shell word, offset) of each element from `at` to `close` (a newline not after a `,` for a command
    expression); the words read so far when an element cannot be read (a double-quoted string with an unclosed
    template is one)."""
    elements: list[tuple[str, int]] = []
    while True:
        while at < len(text) and text[at] in " \t" + ("\n\r" if close != "\n" else ""):
            at += 1
        if at >= len(text) or text[at] == close or text[at] in "\n\r":
            return elements
        literal = _STRING_RE.match(text, at)
        other = None if literal else _OTHER_RE.match(text, at)
        if literal is None and other is None:
            return elements
        end = literal.end() if literal else other.end()  # type: ignore[union-attr]  # one of them matched
        word = _word(literal) if literal else '"' + placeholder(text[at:end], "GRADLE_EXPRESSION") + '"'
        if word is None:
            return elements
        elements.append((word, at))
        while end < len(text) and text[end] in " \t":
            end += 1
        if text[end : end + 1] != ",":
            return elements
        at = end + 1
        while close == "\n" and at < len(text) and text[at] in " \t\\\r\n":
            at += 1  # Groovy goes on to the next line after a trailing `,`


def gradle_exec_images(text: str, origin: str) -> list[Found]:
    """The images of the docker command lines of a Gradle build's Exec tasks, in order (see the module)."""
    if "commandLine" not in text:
        return []
    found: list[Found] = []
    lines = LineIndex(text)
    for start in _START_RE.finditer(text):
        if lines.led_by(start.start(), _COMMENTS):
            continue
        close = {"(": ")", "[": "]"}.get(start["open"][-1:], "\n")
        elements = _elements(text, start.end(), close)
        command = " ".join([start["program"], *(word for word, _ in elements)])
        for item in docker_runs(command, origin):
            line = next(
                (lines.line(at) for word, at in elements if item.text in (word, word.strip("'\""))),
                lines.line(start.start("program")),
            )
            found.append(dataclasses.replace(item, line=line, kind=KIND))
    return found
