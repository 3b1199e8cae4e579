"""The docker commands a Java, Kotlin or Groovy source writes as argument lists, read as shell words (pure).

A program run with its arguments as separate strings: `new ProcessBuilder("docker", "run", ...)`, `new String[]
{"docker", "pull", IMAGE}`, Kotlin's `listOf(...)` (jvm_commands.py), a Gradle build's `commandLine 'docker', 'pull',
"alpine:$tag"` (gradle_exec.py). Each element is a shell word: a literal its text, quoted; any other element (a name,
a call, a concatenation) a word known only when the program runs (`${NAME}` after a plain name, else the syntax's
fallback, `${JVM_EXPRESSION}`). The command is read by docker_run.py's rules, each image at its element's line. A
list ends at its closing bracket, or for Groovy's command expression (`close` a newline) at the end of a line not
after a `,`; it is read up to an element that cannot be read (a string with escapes, one whose template is not
closed in it, a spread), the words before it kept.
"""

from __future__ import annotations

import dataclasses
import re
import shlex

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_expressions import expression_end, placeholder

_DOUBLE_RE = re.compile(r'"(?P<double>[^"\\\n]*)"')
_QUOTED_RE = re.compile(r"\"(?P<double>[^\"\\\n]*)\"|'(?P<single>[^'\\\n]*)'")
_TEMPLATE_RE = re.compile(r"\$\{(?P<expression>[^{}]*)\}|\$(?P<name>[A-Za-z_]\w*)")
_SIMPLE_RE = re.compile(r"[^,()\[\]\"'\n]+(?:\([^()\n]*\))?")  # a name, a property, a call without nesting
_BLANKS_RE = re.compile(r"\s*")
_BREAK_BLANKS_RE = re.compile(r"[ \t\r\n]*")
_LINE_BLANKS_RE = re.compile(r"[ \t]*")
_CONTINUED_RE = re.compile(r"[ \t\\\r\n]*")  # Groovy goes on to the next line after a trailing `,`
_CLOSES = {"(": ")", "[": "]", "{": "}"}
_COMMENTS = ("//", "/*", "*")


@dataclasses.dataclass(frozen=True)
class ListSyntax:
    """How a language writes the elements of an argument list."""

    fallback: str  # the variable an element that is no literal and no plain name stands for
    single_quotes: bool = False  # `'text'` is a literal too, read as written (Groovy)
    templates: bool = False  # `$name` and `${expression}` in a double-quoted literal are variables (Groovy)
    # an element that is not a literal alone runs to the next `,` or closing bracket outside brackets and strings
    # (`PORT + ":5432"`, a nested call); else only a name, a property or a call without nesting is read, and a
    # literal even with more after it (the list read up to it)
    whole_expressions: bool = True
    # any whitespace is blank around an element; else spaces, tabs and line breaks before one and only spaces and
    # tabs after it (a line break before an element's `,` ends the list)
    any_blanks: bool = True

    @property
    def strings(self) -> re.Pattern[str]:
        return _QUOTED_RE if self.single_quotes else _DOUBLE_RE


def _literal_word(literal: re.Match[str], syntax: ListSyntax) -> str | None:
    """A literal as a shell word: its text quoted, a double-quoted one's templates (`$name`, `${expr}`) as variables
    where the syntax has them; None for one with a template not closed in it (`"a-${b"`: Groovy reads on past its
    `"`, so where the string ends is not known)."""
    if literal["double"] is None or not syntax.templates:
        return shlex.quote(literal["double"] if literal["double"] is not None else literal["single"])
    text = literal["double"]
    if text.rfind("${") > text.rfind("}"):
        return None
    parts, at = [], 0
    for template in _TEMPLATE_RE.finditer(text):
        parts += [shlex.quote(text[at : template.start()]) if template.start() > at else ""]
        expression = template["name"] or template["expression"]
        parts += ['"' + placeholder(expression, syntax.fallback) + '"']
        at = template.end()
    parts += [shlex.quote(text[at:]) if at < len(text) or not parts else ""]
    return "".join(parts)


def _element(text: str, at: int, close: str, syntax: ListSyntax) -> tuple[str | None, int]:
    """(shell word, end) of the element at `at`; no word when it cannot be read."""
    literal = syntax.strings.match(text, at)
    if not syntax.whole_expressions:
        other = None if literal else _SIMPLE_RE.match(text, at)
        if literal is not None:
            return _literal_word(literal, syntax), literal.end()
        return (None, at) if other is None else ('"' + placeholder(other[0], syntax.fallback) + '"', other.end())
    after = _BLANKS_RE.match(text, literal.end()).end() if literal else at  # type: ignore[union-attr]
    if literal is not None and text[after : after + 1] in (",", close):
        return _literal_word(literal, syntax), after
    end = expression_end(text, at, syntax.strings, "\"'" if syntax.single_quotes else '"', unread_ends=True)
    expression = text[at:end].strip()
    if end >= len(text) or not expression or expression.endswith("..."):
        return None, end  # not closed, or a spread: the rest is not known
    return f'"{placeholder(expression, syntax.fallback)}"', end


def argument_words(text: str, at: int, close: str, syntax: ListSyntax) -> list[tuple[str, int]]:
    """(shell word, offset) of each element of the list from `at` up to `close` (a newline not after a `,` for
    Groovy's command expression); the words read so far when an element cannot be read."""
    line_ended = close == "\n"
    before = _LINE_BLANKS_RE if line_ended else _BLANKS_RE if syntax.any_blanks else _BREAK_BLANKS_RE
    after = _BLANKS_RE if syntax.any_blanks and not line_ended else _LINE_BLANKS_RE
    elements: list[tuple[str, int]] = []
    while True:
        at = before.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string
        if at >= len(text) or text[at] == close or text[at] in "\r\n":
            return elements
        word, end = _element(text, at, close, syntax)
        if word is None:
            return elements
        elements.append((word, at))
        end = after.match(text, end).end()  # type: ignore[union-attr]
        if text[end : end + 1] != ",":
            return elements
        at = end + 1
        if line_ended:
            at = _CONTINUED_RE.match(text, at).end()  # type: ignore[union-attr]


def listed_docker_images(text: str, origin: str, starts: re.Pattern[str], syntax: ListSyntax, kind: str) -> list[Found]:
    """The images of the docker commands each match of `starts` opens (its groups `open`, the list's opening, empty
    for a command expression, and `program`, its first element), in order; commented-out lists are not read."""
    found: list[Found] = []
    lines = LineIndex(text)
    for start in starts.finditer(text):
        if lines.led_by(start.start(), _COMMENTS):
            continue
        elements = argument_words(text, start.end(), _CLOSES.get(start["open"][-1:], "\n"), syntax)
        command = " ".join([start["program"], *(word for word, _ in elements)])
        for item in docker_runs(command, origin):
            line = next(
                (lines.line(at) for word, at in elements if item.text in (word, word.strip("'\""))),
                lines.line(start.start("program")),
            )
            found.append(dataclasses.replace(item, line=line, kind=kind))
    return found
