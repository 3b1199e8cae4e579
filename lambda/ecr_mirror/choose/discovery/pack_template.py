"""One Nomad Pack template action (`[[ ... ]]`, Go's text/template with `[[ ]]` delimiters) rendered (pure).

The subset an `image = ...` line of a pack uses (https://developer.hashicorp.com/nomad/tools/nomad-pack): a
pipeline of commands separated by `|`, each value passed as the last argument of the next; the values are string
and number literals, `var "NAME" .` (a variable of the pack, `"obj.field"` a field of an object default; `$` for
`.`), `.my.NAME` and `.PACK.NAME` (pack v1 syntax), and parenthesised pipelines; the functions `var`, `printf`
(`%s`, `%v`, `%d`, `%q`, `%%`), `quote`, `squote`, `default`, `lower`, `upper`, `trim`, `toString`. Anything else
(`if`, `range`, `template`, a `$name` a `range` or `:=` sets, another function) raises NotEvaluated saying what:
the line is left unresolved, never guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated
from ecr_mirror.choose.discovery.nomad_variables import Variables

_TOKEN_RE = re.compile(
    r"""\s*(?:(?P<string>"(?:[^"\\]|\\.)*"|`[^`]*`)|(?P<field>\$\w*(?:\.[A-Za-z_]\w*)*|(?:\.[A-Za-z_]\w*)+|\.)"""
    r"""|(?P<number>-?\d+(?:\.\d+)?)|(?P<ident>[A-Za-z_]\w*)|(?P<punct>[|()]))"""
)
_KEYWORDS = frozenset({"if", "else", "end", "range", "with", "define", "block", "template", "break", "continue"})
_CONTEXT = object()  # `.` or `$`: the pack's context, the second argument of `var`
_VERB_RE = re.compile(r"%([%svdq])")


def _tokens(action: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while action[position:].strip():
        match = _TOKEN_RE.match(action, position)
        if match is None or match.end() == position:
            raise NotEvaluated(f"cannot read {action[position:].strip()!r} in a template action")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        raise NotEvaluated("null where a string is expected (the default sets no value)")
    raise NotEvaluated("a list or object where a string is expected")


def _printf(args: list[Any]) -> str:
    if not args:
        raise NotEvaluated("printf without a format")
    rest = list(args[1:])

    def verb(match: re.Match[str]) -> str:
        if match.group(1) == "%":
            return "%"
        if not rest:
            raise NotEvaluated("printf with fewer arguments than its format names")
        value = _text(rest.pop(0))
        return json.dumps(value, ensure_ascii=False) if match.group(1) == "q" else value

    return _VERB_RE.sub(verb, _text(args[0]))


def _call(name: str, args: list[Any], variables: Variables) -> Any:
    if name == "var" and len(args) == 2 and args[1] is _CONTEXT:
        return variables.value(_text(args[0]))
    if name == "printf":
        return _printf(args)
    if name in ("quote", "squote") and len(args) == 1:
        mark = '"' if name == "quote" else "'"
        return f"{mark}{_text(args[0])}{mark}" if mark == "'" else json.dumps(_text(args[0]), ensure_ascii=False)
    if name == "default" and len(args) == 2:
        return args[1] if args[1] not in ("", None, [], {}) else args[0]
    simple: dict[str, Callable[[str], str]] = {"lower": str.lower, "upper": str.upper, "trim": str.strip}
    if name in simple and len(args) == 1:
        return simple[name](_text(args[0]))
    if name == "toString" and len(args) == 1:
        return _text(args[0])
    raise NotEvaluated(f"`{name}` is a template function this reader does not render")


class _Pipeline:
    def __init__(self, action: str, variables: Variables, pack: str) -> None:
        self.tokens = _tokens(action)
        self.index = 0
        self.variables = variables
        self.pack = pack

    def peek(self) -> str:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else ""

    def pipeline(self) -> Any:
        value = self.command(None)
        while self.peek() == "|":
            self.index += 1
            value = self.command([value])
        return value

    def command(self, piped: list[Any] | None) -> Any:
        if self.index >= len(self.tokens):
            raise NotEvaluated("an empty template action")
        kind, token = self.tokens[self.index]
        if kind == "ident" and token in _KEYWORDS:
            raise NotEvaluated(f"`{token}` is template logic this reader does not render")
        if kind != "ident":
            if piped is not None:
                raise NotEvaluated(f"`{token}` after `|` is not a function")
            value = self.operand()
            if self.peek() not in ("|", ")", ""):
                raise NotEvaluated(f"`{token}` is not a function")
            return value
        self.index += 1
        args: list[Any] = []
        while self.peek() not in ("|", ")", ""):
            args.append(self.operand())
        return _call(token, args + (piped or []), self.variables)

    def operand(self) -> Any:
        kind, word = self.tokens[self.index]
        self.index += 1
        if kind == "string":
            return word[1:-1] if word.startswith("`") else json.loads(word)
        if kind == "number":
            return word
        if word == "(":
            value = self.pipeline()
            if self.peek() != ")":
                raise NotEvaluated("a `(` without its `)`")
            self.index += 1
            return value
        if word in (".", "$"):
            return _CONTEXT
        word = word.removeprefix("$") if word.startswith("$.") else word  # `$.my.x`: from the root, as `.my.x`
        if kind == "field" and word.startswith("$"):
            name = word.split(".")[0]
            raise NotEvaluated(
                f"`{name}` is a template variable (set by `range`, `with` or `:=`) this reader does not follow"
            )
        if kind == "field":
            root, _, rest = word.lstrip(".").partition(".")
            if root in ("my", self.pack) and rest:
                return self.variables.value(rest)
            if not self.pack:
                raise NotEvaluated(f"`{word}` is a value given when the template is rendered (Levant, nomad-pack)")
            raise NotEvaluated(f"`{word}` is not a variable of this pack")
        if kind == "ident":
            raise NotEvaluated(f"`{word}` as an argument: template logic this reader does not render")
        raise NotEvaluated(f"`{word}` where a value is expected")


def render_action(action: str, variables: Variables, pack: str) -> str:
    """The text the action `action` (between `[[` and `]]`, trim marks removed) outputs."""
    parser = _Pipeline(action, variables, pack)
    value = parser.pipeline()
    if parser.index != len(parser.tokens):
        raise NotEvaluated(f"`{parser.peek()}` is template syntax this reader does not render")
    if value is _CONTEXT:
        raise NotEvaluated("the whole template context is not an image")
    return _text(value)
