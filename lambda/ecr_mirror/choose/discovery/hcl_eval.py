"""The HCL expressions bake files use to choose a value, evaluated (pure).

Bake files pick arguments and matrix lists with conditionals and small functions:
`DEBIAN_VARIANT = is_debian_slim(variant) ? "-slim" : ""`, `windows_version = windowsversions()` where
`function "windowsversions" { params = [] result = notequal(OVERRIDE, "") ? [OVERRIDE] : windows_versions }`. This
evaluates that subset: strings (with `${...}` templates), numbers, `true`/`false`, lists, variables, `a.b` and `a[b]`,
`!`, `==`, `!=`, `&&`, `||`, `c ? a : b`, parentheses, the bake files' own `function` blocks, and the standard
functions `equal`, `notequal`, `and`, `or`, `not`, `contains`, `lookup`, `upper`, `lower`. Anything else (`for`,
`regex_replace`, arithmetic) raises NotEvaluated: the caller leaves that value out, as before. Numbers and booleans
are kept as their text (`21`, `true`), so `equal(default_jdk, jdk)` compares `21` with `21`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, Text

MAX_DEPTH = 32
_TOKEN_RE = re.compile(
    r"""\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<number>\d+(?:\.\d+)?)|(?P<ident>[A-Za-z_][\w-]*)"""
    r"""|(?P<op>=\s*=|!\s*=|&\s*&|\|\s*\||[?:()\[\],.!{}<>=+*/%-]))"""
)


class NotEvaluated(Exception):
    """An expression outside the subset this module evaluates."""


@dataclass
class Scope:
    """What names mean: `lookup(name)` gives a variable's value (KeyError when there is none); `functions` are the
    bake files' `function` blocks: name -> (parameters, result expression as text)."""

    lookup: Callable[[str], Any]
    functions: dict[str, tuple[list[str], str]] = field(default_factory=dict)
    depth: int = 0


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    raise NotEvaluated("a list or object where a string is expected")


def _truth(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    raise NotEvaluated("a condition that is not a boolean")


def _builtin(name: str, args: list[Any]) -> Any:
    if name in ("equal", "notequal") and len(args) == 2:
        same = args[0] == args[1] or (not isinstance(args[0], list | dict) and _text(args[0]) == _text(args[1]))
        return same if name == "equal" else not same
    if name == "and" and args:
        return all(_truth(arg) for arg in args)
    if name == "or" and args:
        return any(_truth(arg) for arg in args)
    if name == "not" and len(args) == 1:
        return not _truth(args[0])
    if name == "contains" and len(args) == 2 and isinstance(args[0], list):
        return any(_builtin("equal", [item, args[1]]) for item in args[0])
    if name == "lookup" and len(args) in (2, 3) and isinstance(args[0], dict):
        key = _text(args[1])
        if key in args[0]:
            return args[0][key]
        if len(args) == 3:
            return args[2]
    if name in ("upper", "lower") and len(args) == 1:
        return _text(args[0]).upper() if name == "upper" else _text(args[0]).lower()
    raise NotEvaluated(f"{name}() is a function this reader does not evaluate")


class _Parser:
    def __init__(self, text: str, scope: Scope) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(text):
            match = _TOKEN_RE.match(text, position)
            if match is None or match.end() == position:
                if text[position:].strip():
                    raise NotEvaluated(f"cannot read {text[position:]!r}")
                break
            kind = match.lastgroup or ""
            value = match.group(kind)
            self.tokens.append((kind, re.sub(r"\s+", "", value) if kind == "op" else value))
            position = match.end()
        self.index = 0
        self.scope = scope

    def peek(self) -> str:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else ""

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.index >= len(self.tokens) or (expected is not None and self.peek() != expected):
            raise NotEvaluated(f"expected {expected or 'a value'}")
        self.index += 1
        return self.tokens[self.index - 1]

    def whole(self) -> Any:
        value = self.conditional()
        if self.index != len(self.tokens):
            raise NotEvaluated(f"`{self.peek()}` is an operator this reader does not evaluate")
        return value

    def conditional(self) -> Any:
        condition = self.binary(0)
        if self.peek() != "?":
            return condition
        self.take("?")
        if _truth(condition):
            value = self.conditional()
            self.take(":")
            self.skip("")
            return value
        self.skip(":")
        self.take(":")
        return self.conditional()

    def skip(self, until: str) -> None:
        """Pass over the branch not taken (it may name what cannot be evaluated) up to `until` at depth 0."""
        depth = 0
        while self.index < len(self.tokens):
            token = self.peek()
            if depth == 0 and (token == until or (not until and token in (",", ")", "]", "}"))):
                return
            depth += 1 if token in ("(", "[", "{") else -1 if token in (")", "]", "}") else 0
            if depth < 0:
                return
            self.index += 1

    _LEVELS = (("||",), ("&&",), ("==", "!="))

    def binary(self, level: int) -> Any:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in self._LEVELS[level]:
            operator = self.take()[1]
            right = self.binary(level + 1)
            if operator == "||":
                left = _truth(left) or _truth(right)
            elif operator == "&&":
                left = _truth(left) and _truth(right)
            else:
                left = _builtin("equal" if operator == "==" else "notequal", [left, right])
        return left

    def unary(self) -> Any:
        if self.peek() == "!":
            self.take()
            return not _truth(self.unary())
        return self.postfix(self.primary())

    def postfix(self, value: Any) -> Any:
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                key = self.take()[1]
            else:
                key = _text(self.conditional())
                self.take("]")
            if isinstance(value, dict) and key in value:
                value = value[key]
            elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            else:
                raise NotEvaluated(f"no `{key}` in the value")
        return value

    def arguments(self, closing: str) -> list[Any]:
        values: list[Any] = []
        while self.peek() != closing:
            values.append(self.conditional())
            if self.peek() == ",":
                self.take()
            elif self.peek() != closing:
                raise NotEvaluated(f"expected `,` or `{closing}`")
        self.take(closing)
        return values

    def primary(self) -> Any:
        kind, value = self.take()
        if kind == "string":
            return template(json.loads(value), self.scope)
        if kind == "number" or value in ("true", "false"):
            return value
        if value == "(":
            inner = self.conditional()
            self.take(")")
            return inner
        if value == "[":
            return self.arguments("]")
        if kind == "ident" and self.peek() == "(":
            self.take("(")
            return call(value, self.arguments(")"), self.scope)
        if kind == "ident":
            try:
                return self.scope.lookup(value)
            except KeyError:
                raise NotEvaluated(f"{value} is not a variable here") from None
        raise NotEvaluated(f"`{value}` is an expression this reader does not evaluate")


def call(name: str, args: list[Any], scope: Scope) -> Any:
    if name not in scope.functions:
        return _builtin(name, args)
    params, result = scope.functions[name]
    if len(params) != len(args):
        raise NotEvaluated(f"{name}() called with {len(args)} arguments for {len(params)} parameters")
    bound = dict(zip(params, args, strict=True))
    outer = scope.lookup

    def lookup(variable: str) -> Any:
        return bound[variable] if variable in bound else outer(variable)

    return evaluate(result, Scope(lookup, scope.functions, scope.depth + 1))


def _closing(raw: str, start: int) -> int:
    depth, position = 1, start
    while position < len(raw):
        char = raw[position]
        if char == '"':
            position = raw.find('"', position + 1)
            if position < 0:
                break
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    raise NotEvaluated("a `${` without its closing `}`")


def template(raw: str, scope: Scope) -> str:
    """A string's value: its `${...}` parts evaluated, `$${` kept as `${`; `%{` directives are not evaluated."""
    if "%{" in raw.replace("%%{", ""):
        raise NotEvaluated("a template directive (`%{`)")
    out: list[str] = []
    position = 0
    while (start := raw.find("${", position)) >= 0:
        if start > 0 and raw[start - 1] == "$":
            out.append(raw[position : start - 1] + "${")
            position = start + 2
            continue
        end = _closing(raw, start + 2)
        out += [raw[position:start], _text(evaluate(raw[start + 2 : end], scope))]
        position = end + 1
    return "".join([*out, raw[position:]])


def evaluate(text: str, scope: Scope) -> Any:
    """The value of the expression `text` (str, bool as text, list, dict); NotEvaluated outside the subset, and for
    an expression nested deeper than the interpreter's stack (`((((...))))`), never a RecursionError."""
    if scope.depth > MAX_DEPTH:
        raise NotEvaluated("functions or variables nested too deeply")
    try:
        return _Parser(text, scope).whole()
    except RecursionError:
        raise NotEvaluated("an expression nested too deeply") from None


def evaluated(value: Any, scope: Scope) -> Any:
    """A value as hcl.py reads it (a variable's default, an attribute) as values of this module: strings (templates
    evaluated), lists, objects; NotEvaluated for what is outside the subset or has no value (None)."""
    if isinstance(value, Text):
        return template(value.raw, scope)
    if isinstance(value, Expr):
        return evaluate(value.text, scope)
    if isinstance(value, list):
        return [evaluated(item, scope) for item in value]
    if isinstance(value, dict):
        return {key: evaluated(item, scope) for key, item in value.items()}
    raise NotEvaluated("a variable without a default")
