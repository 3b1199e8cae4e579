"""A small subset of HCL, as docker-bake.hcl files use it (pure): blocks with labels, attributes, strings (with
`${...}` templates kept as written, strings nested in them), heredocs (`<<EOT`, `<<-EOT`), numbers, booleans, null,
lists and objects. Any other expression (a function call, `for`, a conditional, `a.b`) is kept as its text
(`Expr`), to be reported, not evaluated. Text this reader cannot read raises HclSyntax with the line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_TOKEN_RE = re.compile(
    r"""(?P<newline>\n)|(?P<space>[ \t\r]+)|(?P<comment>\#[^\n]*|//[^\n]*|/\*.*?\*/)"""
    r"""|(?P<heredoc><<-?(?P<marker>[A-Za-z_]\w*)[ \t]*\n)|(?P<number>-?\d+(?:\.\d+)?)|(?P<ident>[A-Za-z_][\w-]*)"""
    r"""|(?P<quote>")|(?P<punct>[{}\[\]()=,:.?!<>+*/%&|-])""",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Text:
    """A string (a template: `${...}` not yet substituted), or a number or boolean as text."""

    raw: str
    line: int
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Expr:
    """An expression this reader does not evaluate, as written."""

    text: str
    line: int
    origin: str = ""


class HclSyntax(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True, slots=True)
class _Token:
    type: str
    value: str
    line: int


def string_end(text: str, start: int) -> int:
    """The offset of the closing quote of a string whose body starts at `start` (templates may nest strings)."""
    position, depth = start, 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if text.startswith("${", position) or text.startswith("%{", position):
            depth += 1
            position += 2
            continue
        if depth and char == "}":
            depth -= 1
        elif depth and char == '"':
            position = string_end(text, position + 1)
        elif not depth and char == '"':
            return position
        elif char == "\n":
            break
        position += 1
    raise ValueError("a string without its closing quote")


def _unescape(body: str) -> str:
    return re.sub(r'\\([\\"nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _tokens(text: str) -> Iterator[_Token]:
    position, line = 0, 1
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if match is None:
            raise HclSyntax(line, f"unexpected {text[position]!r}")
        kind = match.lastgroup or ""
        if kind == "quote":
            try:
                end = string_end(text, match.end())
            except ValueError as exc:
                raise HclSyntax(line, str(exc)) from None
            yield _Token("string", _unescape(text[match.end() : end]), line)
            position = end + 1
            continue
        if kind == "heredoc":
            marker = match.group("marker")
            closing = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*$", re.MULTILINE)
            found = closing.search(text, match.end())
            if found is None:
                raise HclSyntax(line, f"heredoc <<{marker} without its closing line")
            body = text[match.end() : found.start()]
            yield _Token("string", body, line)
            line += text.count("\n", match.start(), found.end())
            position = found.end()
            continue
        if kind in ("newline", "punct", "number", "ident"):
            yield _Token(kind, match.group(), line)
        line += match.group().count("\n")
        position = match.end()
    yield _Token("eof", "", line)


class Parser:
    """body := (NAME "=" expr | NAME label* "{" body "}")*; values as Text, Expr, lists and dicts."""

    def __init__(self, text: str, origin: str) -> None:
        self.tokens = list(_tokens(text))
        self.index = 0
        self.origin = origin

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1 if token.type != "eof" else 0
        return token

    def skip_newlines(self) -> None:
        while self.peek().type == "newline":
            self.take()

    def body(self, opened: int | None) -> list[tuple[str, list[str], Any, int]]:
        """(name, labels, value or block body, line) items; a block's value is its body. `opened`: the line of the
        block's `{` (None at the top)."""
        closing = opened is not None
        items: list[tuple[str, list[str], Any, int]] = []
        while True:
            self.skip_newlines()
            token = self.peek()
            if token.type == "eof" or (token.value == "}" and token.type == "punct"):
                if opened is not None and token.type == "eof":
                    raise HclSyntax(opened, "a block without its closing '}'")
                if opened is None and token.type != "eof":
                    raise HclSyntax(token.line, "an extra '}'")
                if closing:
                    self.take()
                return items
            name = self.take()
            if name.type != "ident":
                raise HclSyntax(name.line, f"expected a name, found {name.value or name.type!r}")
            if self.peek().value == "=":
                self.take()
                items.append((name.value, [], self.expression(), name.line))
                continue
            labels: list[str] = []
            while self.peek().type in ("string", "ident"):
                labels.append(self.take().value)
            if self.take().value != "{":
                raise HclSyntax(name.line, f"expected '=' or a block after {name.value!r}")
            items.append((name.value, labels, self.body(opened=name.line), name.line))

    def expression(self) -> Any:
        self.skip_newlines()
        start = self.index
        token = self.take()
        value: Any
        if token.type in ("string", "number") or (token.type == "ident" and token.value in ("true", "false")):
            value = Text(token.value, token.line, self.origin)
        elif token.type == "ident" and token.value == "null":
            value = None
        elif token.value == "[":
            value = self.sequence(start)
        elif token.value == "{":
            value = self.mapping(start)
        else:
            return self.rest(start)
        if self.peek().type in ("newline", "eof") or self.peek().value in (",", "]", "}", ")"):
            return value
        return self.rest(start)  # `"a" == b ? x : y`, `x.y`: more than a value

    def rest(self, start: int) -> Expr:
        """Tokens from `start` to the end of the expression (a newline, `,`, `]` or `}` outside brackets)."""
        self.index = start
        depth = 0
        parts: list[str] = []
        while True:
            token = self.peek()
            if token.type == "eof" or (depth == 0 and (token.type == "newline" or token.value in (",", "]", "}", ")"))):
                break
            self.take()
            if token.type == "punct" and token.value in "([{":
                depth += 1
            elif token.type == "punct" and token.value in ")]}":
                depth -= 1
            elif token.type == "newline":
                continue
            parts.append(json.dumps(token.value) if token.type == "string" else token.value)
        if not parts:
            raise HclSyntax(self.peek().line, "expected a value")
        return Expr(" ".join(parts), self.tokens[start].line, self.origin)

    def sequence(self, start: int) -> list[Any] | Expr:
        self.skip_newlines()
        if self.peek().value == "for":
            self.index = start
            return self.rest(start)
        items: list[Any] = []
        while True:
            self.skip_newlines()
            if self.peek().value == "]":
                self.take()
                return items
            items.append(self.expression())
            self.skip_newlines()
            if self.peek().value == ",":
                self.take()
            elif self.peek().value != "]":
                raise HclSyntax(self.peek().line, "expected ',' or ']' in a list")

    def mapping(self, start: int) -> dict[str, Any] | Expr:
        self.skip_newlines()
        if self.peek().value == "for":
            self.index = start
            return self.rest(start)
        items: dict[str, Any] = {}
        while True:
            self.skip_newlines()
            token = self.take()
            if token.value == "}" and token.type == "punct":
                return items
            key = self.object_key(token)
            if self.take().value not in ("=", ":"):
                raise HclSyntax(token.line, "expected KEY = VALUE in an object")
            items[key] = self.expression()
            if self.peek().value == ",":
                self.take()

    def object_key(self, token: _Token) -> str:
        """An object's key, `token` taken: a name, a string or a number (Terraform reads more: terraform_hcl.py)."""
        if token.type not in ("ident", "string", "number"):
            raise HclSyntax(token.line, "expected KEY = VALUE in an object")
        return token.value


def parse_hcl(text: str, origin: str) -> list[tuple[str, list[str], Any, int]]:
    """The top-level items of `text`: (name, labels, value or block body, line); HclSyntax when unreadable."""
    return Parser(text, origin).body(opened=None)
