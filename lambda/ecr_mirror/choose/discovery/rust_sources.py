"""Rust source text for the readers of Rust tests (pure): comments blanked, and the string literals a file binds to
its names and its struct fields.

Comments (`//`, `///` and `//!` doc comments, `/* */`, nested as Rust nests them: https://doc.rust-lang.org/reference/
comments.html) are replaced by spaces, newlines kept, so that offsets and lines stay those of the file and an
example in a doc comment (`/// let c = GenericImage::new("redis", "7.2.4")`, a doctest most crates mark `no_run`) is
not read as code. String literals (`"..."` with escapes, raw `r#"..."#`) and character literals are kept as they are.

A name is bound to a literal by `const NAME: &str = "...";` (`&'static str`, `pub`, `pub(crate)`, `static`, in a
module, a function or an `impl` block: `Self::NAME` is NAME), and by `let NAME = "...";` (`let mut`, `: &str`); a
field by `FIELD: "..."` in a struct literal (`HostExposurePlan { ssh_image: "testcontainers/sshd", .. }`). A name
bound several times has each of its values; a value that is not one literal (a call, `format!`) binds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_RAW_RE = re.compile(r'b?r(#*)"')
_CHAR_RE = re.compile(r"'(?:\\(?:x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]{1,6}\}|.)|[^\\'\n])'")
STRING = r'"(?P<value>[^"\\\n]*)"'  # a one-line literal without escapes
# `&X`, `X.to_string()`, `X.to_owned()`, `X.into()`, `X.as_str()`, `String::from(X)`: the same string
_CONVERSION_RE = re.compile(r"\s*\.\s*(?:to_string|to_owned|into|as_str)\(\s*\)\s*$")
_FROM_RE = re.compile(r"String\s*::\s*from\(\s*(?P<inner>.*?)\s*\)")
_CONST_RE = re.compile(
    r"\b(?:const|static)\s+(?P<name>[A-Za-z_]\w*)\s*:\s*&\s*(?:'static\s+)?str\s*=\s*" + STRING + r"\s*;"
)
_LET_RE = re.compile(
    r"\blet\s+(?:mut\s+)?(?P<name>[A-Za-z_]\w*)\s*(?::\s*&\s*(?:'static\s+)?str\s*)?=\s*" + STRING + r"\s*;"
)
_FIELD_RE = re.compile(r"(?<![\w:.])(?P<name>[a-z_]\w*)\s*:\s*" + STRING + r"\s*[,}\n]")


def without_comments(text: str) -> str:
    """`text` with each comment replaced by spaces (newlines kept); strings and characters as written."""
    out: list[str] = []
    at, size = 0, len(text)
    while at < size:
        char = text[at]
        if char == "/" and text.startswith("//", at):
            end = text.find("\n", at)
            end = size if end < 0 else end
            out.append(" " * (end - at))
            at = end
        elif char == "/" and text.startswith("/*", at):
            depth, end = 1, at + 2
            while end < size and depth:
                if text.startswith("/*", end):
                    depth, end = depth + 1, end + 2
                elif text.startswith("*/", end):
                    depth, end = depth - 1, end + 2
                else:
                    end += 1
            out.append("".join(c if c == "\n" else " " for c in text[at:end]))
            at = end
        elif (raw := _RAW_RE.match(text, at)) is not None and (at == 0 or not _word(text[at - 1])):
            close = text.find('"' + raw.group(1), raw.end())
            end = size if close < 0 else close + 1 + len(raw.group(1))
            out.append(text[at:end])
            at = end
        elif char == '"':
            end = at + 1
            while end < size and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[at : end + 1])
            at = end + 1
        elif char == "'" and (literal := _CHAR_RE.match(text, at)) is not None:
            out.append(literal.group(0))  # `'"'` is a character, not a string's start; `'static` is a lifetime
            at = literal.end()
        else:
            out.append(char)
            at += 1
    return "".join(out)


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def unwrapped(expression: str) -> str:
    """`expression` without the conversions that give the same string: `&X`, `X.to_string()`, `X.to_owned()`,
    `X.into()`, `X.as_str()`, `String::from(X)`."""
    expression = expression.strip()
    while True:
        before = expression
        expression = _CONVERSION_RE.sub("", expression).lstrip("&").strip()
        if (call := _FROM_RE.fullmatch(expression)) is not None:
            expression = call["inner"]
        if expression == before:
            return expression


@dataclass
class RustNames:
    """The literals a Rust file binds to names and to struct fields: name -> [(offset of the literal, value)]."""

    names: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    fields: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str) -> RustNames:
        """The bindings of `code` (a text `without_comments`)."""
        known = cls()
        for pattern in (_CONST_RE, _LET_RE):
            for match in pattern.finditer(code):
                known.names.setdefault(match["name"], []).append((match.start("value"), match["value"]))
        for match in _FIELD_RE.finditer(code):
            known.fields.setdefault(match["name"], []).append((match.start("value"), match["value"]))
        return known

    def values(self, expression: str, at: int) -> list[tuple[int, str]]:
        """(offset, value) of each string `expression` stands for (`unwrapped` first): a literal (at `at`), a name
        or `Self::NAME` bound to literals, or `VALUE.FIELD` (`plan.ssh_image`, `self.image`) when the file gives
        the field one literal value; [] for anything else."""
        expression = unwrapped(expression)
        if (literal := re.fullmatch(STRING, expression)) is not None:
            return [(at, literal["value"])]
        if (name := re.fullmatch(r"(?:Self\s*::\s*)?([A-Za-z_]\w*)", expression)) is not None:
            return self.names.get(name.group(1), [])
        if (member := re.fullmatch(r"[a-z_]\w*\s*\.\s*([a-z_]\w*)", expression)) is not None:
            given = self.fields.get(member.group(1), [])
            return given if len({value for _, value in given}) == 1 else []
        return []


_CALL_RE = re.compile(r"\s*(?:\?|\.\s*await\b)?\s*\.\s*(?P<method>[a-z_]\w*)\s*(?:::\s*<[^()]*?>\s*)?\(")
_CLOSERS = frozenset(")]}")


def _argument(code: str, begin: int, end: int) -> tuple[int, str]:
    text = code[begin:end]
    return begin + len(text) - len(text.lstrip()), text


def call_arguments(code: str, start: int) -> tuple[list[tuple[int, str]], int]:
    """((offset, text) of each argument, the offset past the closing bracket) of the call (or block) whose contents
    start at `start` (just past its `(` or `{`); strings are skipped whole, so a `,` or `)` in one does not count."""
    arguments: list[tuple[int, str]] = []
    depth, at, begin = 0, start, start
    while at < len(code):
        char = code[at]
        if char == '"':
            at = code.find('"', at + 1)
            while at > 0 and code[at - 1] == "\\":
                at = code.find('"', at + 1)
            if at < 0:
                break
        elif char in "([{":
            depth += 1
        elif char in _CLOSERS:
            if depth == 0:
                arguments += [_argument(code, begin, at)] if code[begin:at].strip() else []
                return arguments, at + 1
            depth -= 1
        elif char == "," and depth == 0:
            arguments.append(_argument(code, begin, at))
            begin = at + 1
        at += 1
    return [], len(code)


def chained(code: str, end: int, methods: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    """method -> its one argument ((offset, text)), for each of `methods` called in the method chain that follows
    offset `end` (`.with_tag("7.2")`, past `?` and `.await`); the last call of a method wins, as a builder's does."""
    found: dict[str, tuple[int, str]] = {}
    while (call := _CALL_RE.match(code, end)) is not None:
        arguments, end = call_arguments(code, call.end())
        if call["method"] in methods and len(arguments) == 1:
            found[call["method"]] = arguments[0]
    return found
