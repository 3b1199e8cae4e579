"""`$NAME` and `${NAME}` substitution as Dockerfiles and compose files do it (pure).

Forms: `${NAME:-word}` (word when unset or empty), `${NAME-word}` (when unset), `${NAME:+word}` / `${NAME+word}`
(word when set), `${NAME:?message}` / `${NAME?message}` (an error when unset). Words may hold variables. With
`dollar_escape` (compose), `$$` is a literal `$`. A variable without a value raises Unset naming it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = (":-", ":+", ":?", "-", "+", "?")


class Unset(Exception):
    """A variable has no value and no default."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class Malformed(Exception):
    """Text that is not a variable expression, e.g. `${` without its `}`."""


def expand(text: str, values: Mapping[str, str | None], *, dollar_escape: bool = False) -> str:
    """Substitute every variable of `text`; values of None count as unset."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char != "$" or index + 1 >= len(text):
            out.append(char)
            index += 1
            continue
        following = text[index + 1]
        if dollar_escape and following == "$":
            out.append("$")
            index += 2
        elif following == "{":
            end = _closing_brace(text, index + 2)
            out.append(_braced(text[index + 2 : end], values, dollar_escape))
            index = end + 1
        elif match := _NAME_RE.match(text, index + 1):
            value = values.get(match.group())
            if value is None:
                raise Unset(match.group())
            out.append(value)
            index = match.end()
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    for position in range(start, len(text)):
        if text[position] == "{":
            depth += 1
        elif text[position] == "}":
            depth -= 1
            if depth == 0:
                return position
    raise Malformed(f"'${{' without a closing '}}' in {text!r}")


def _braced(inner: str, values: Mapping[str, str | None], dollar_escape: bool) -> str:
    match = _NAME_RE.match(inner)
    if not match:
        raise Malformed(f"'${{{inner}}}' is not a variable")
    name, rest = match.group(), inner[match.end() :]
    value = values.get(name)
    if not rest:
        if value is None:
            raise Unset(name)
        return value
    operator = next((op for op in _OPERATORS if rest.startswith(op)), None)
    if operator is None:
        raise Malformed(f"'${{{inner}}}' uses an operator this reader does not know")
    word = rest[len(operator) :]
    is_set = value is not None and (value != "" or not operator.startswith(":"))
    if operator.endswith("-"):
        return value if is_set and value is not None else expand(word, values, dollar_escape=dollar_escape)
    if operator.endswith("+"):
        return expand(word, values, dollar_escape=dollar_escape) if is_set else ""
    if not is_set or value is None:
        raise Unset(name)
    return value
