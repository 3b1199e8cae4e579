"""The HCL of Terraform files, read with the small HCL reader (hcl.py) and two things Terraform writes where bake
files do not (pure): object keys in parentheses (`(local.container_name) = { ... }`) or dotted (a module's
`providers = { kubernetes.cluster = ... }`), and `jsonencode(...)` /
`tolist(...)` around a value, read as the value itself (`container_definitions = jsonencode([{ image = "..." }])`:
the objects keep their lines), and `merge(...)` / `concat(...)`, kept as the expression they are (evaluated as such)
with the values of their arguments beside it (a `Call`), so that the objects written in them are seen
(`container_definitions = merge(var.sidecars, { app = { image = ... } })`). A block's body is a `Body` (a list of
items), so it is told from a list value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, HclSyntax, Parser, _Token

_TRANSPARENT = frozenset({"jsonencode", "tolist", "toset", "tomap"})
_COMBINING = frozenset({"merge", "concat", "templatefile"})  # the last: its path and variables (terraform.py)


@dataclass(frozen=True, slots=True)
class Call(Expr):
    """`merge(...)`, `concat(...)` or `templatefile(...)`: the expression as written, and the values of its arguments
    as read."""

    arguments: tuple[Any, ...] = ()


_ENDS = (",", "]", "}", ")")


class Body(list[tuple[str, list[str], Any, int]]):
    """A block's items: (name, labels, value or nested Body, line)."""


class _Parser(Parser):
    def body(self, opened: int | None) -> Body:
        return Body(super().body(opened))

    def _ended(self) -> bool:
        return self.peek().type in ("newline", "eof") or self.peek().value in _ENDS

    def _dotted(self) -> bool:
        return self.peek().value == "." and self.tokens[self.index + 1].type == "ident"

    def _call(self, start: int) -> Any:
        """`merge(a, {...})` from `start`: a Call holding its arguments, or the expression when it is more."""
        self.index = start + 2
        arguments: list[Any] = []
        try:
            while True:
                self.skip_newlines()
                if self.peek().value == ")":
                    self.take()
                    break
                arguments.append(self.expression())
                self.skip_newlines()
                separator = self.take()
                if separator.value == ")":
                    break
                if separator.value != ",":
                    raise HclSyntax(separator.line, "expected ',' or ')' in a function call")
            if self._ended():
                written = self.rest(start)
                return Call(written.text, written.line, written.origin, tuple(arguments))
        except HclSyntax:
            pass
        return self.rest(start)

    def expression(self) -> Any:
        self.skip_newlines()
        start = self.index
        token = self.peek()
        if token.type == "ident" and token.value in _COMBINING and self.tokens[start + 1].value == "(":
            return self._call(start)
        if token.type != "ident" or token.value not in _TRANSPARENT or self.tokens[start + 1].value != "(":
            return super().expression()
        self.index += 2
        try:
            inner = self.expression()
            self.skip_newlines()
            if self.take().value == ")" and self._ended():
                return inner
        except HclSyntax:
            pass
        self.index = start
        return self.rest(start)

    def object_key(self, token: _Token) -> str:
        if token.value == "(" and token.type == "punct":
            key = "(" + self.rest(self.index).text + ")"
            if self.take().value != ")":
                raise HclSyntax(token.line, "expected ')' after an object key")
            return key
        key = super().object_key(token)
        while token.type == "ident" and self._dotted():
            self.take()
            key += "." + self.take().value  # `kubernetes.cluster = ...` in a module's `providers`
        return key


def parse_terraform(text: str, origin: str) -> Body:
    """The top-level items of a `.tf` file; HclSyntax (with the line) when this reader cannot read it."""
    return _Parser(text, origin).body(opened=None)
