"""`$NAME` and `${NAME}` substitution as Dockerfiles and compose files do it (pure).

Forms: `${NAME:-word}` (word when unset or empty), `${NAME-word}` (when unset), `${NAME:+word}` / `${NAME+word}`
(word when set), `${NAME:?message}` / `${NAME?message}` (an error when unset). Words may hold variables. With
`dollar_escape` (compose), `$$` is a literal `$`. A variable without a value raises Unset naming it.

With `patterns` (Dockerfiles: BuildKit's lexer reads them, compose's interpolation does not,
https://docs.docker.com/reference/dockerfile/#environment-replacement), also `${NAME#pattern}` / `${NAME##pattern}`
(the shortest / longest matching prefix removed), `${NAME%pattern}` / `${NAME%%pattern}` (suffix), and
`${NAME/pattern/replacement}` / `${NAME//pattern/replacement}` (the first / every longest match replaced); a
pattern's `*`, `?` and `[...]` are shell wildcards, a backslash in it is not read (Malformed). neon's Dockerfiles
redeclare `ARG BASE_IMAGE_SHA=${BASE_IMAGE_SHA/debian:bookworm-slim/debian@$BOOKWORM_SLIM_SHA}` to pin the digest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from fnmatch import fnmatchcase

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = (":-", ":+", ":?", "-", "+", "?")


class Unset(Exception):
    """A variable has no value and no default."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class Malformed(Exception):
    """Text that is not a variable expression, e.g. `${` without its `}`."""


class NestedValues(Mapping[str, str | None]):
    """Values that may name other variables of the same set, expanded when read (GitLab CI's `PY_IMAGE:
    "python:${PY_VERSION}-slim"`, Cirrus CI's env), at most `limit` levels deep (Malformed beyond: variables
    that refer to each other in a loop); the names in `literal` are kept as written (GitLab's `expand: false`)."""

    def __init__(
        self,
        raw: Mapping[str, str | None],
        *,
        limit: int,
        dollar_escape: bool = False,
        literal: frozenset[str] = frozenset(),
        depth: int = 0,
    ) -> None:
        self._raw, self._limit, self._dollar_escape, self._literal = raw, limit, dollar_escape, literal
        self._depth = depth

    def __getitem__(self, name: str) -> str | None:
        value = self._raw[name]
        if value is None or name in self._literal or "$" not in value:
            return value
        if self._depth >= self._limit:
            raise Malformed(f"${name}: variables that refer to each other more than {self._limit} levels deep")
        deeper = NestedValues(
            self._raw,
            limit=self._limit,
            dollar_escape=self._dollar_escape,
            literal=self._literal,
            depth=self._depth + 1,
        )
        return expand(value, deeper, dollar_escape=self._dollar_escape)

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def expand(text: str, values: Mapping[str, str | None], *, dollar_escape: bool = False, patterns: bool = False) -> str:
    """Substitute every variable of `text`; values of None count as unset; `patterns` reads the trimming and
    replacing forms too."""
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
            out.append(_braced(text[index + 2 : end], values, dollar_escape, patterns))
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


def _braced(inner: str, values: Mapping[str, str | None], dollar_escape: bool, patterns: bool) -> str:
    match = _NAME_RE.match(inner)
    if not match:
        raise Malformed(f"'${{{inner}}}' is not a variable")
    name, rest = match.group(), inner[match.end() :]
    value = values.get(name)
    if not rest:
        if value is None:
            raise Unset(name)
        return value
    if patterns and rest[0] in "#%/":
        if value is None:
            raise Unset(name)
        return _patterned(value, rest, values)
    operator = next((op for op in _OPERATORS if rest.startswith(op)), None)
    if operator is None:
        raise Malformed(f"'${{{inner}}}' uses an operator this reader does not know")
    word = rest[len(operator) :]
    is_set = value is not None and (value != "" or not operator.startswith(":"))

    def expanded(text: str) -> str:
        return expand(text, values, dollar_escape=dollar_escape, patterns=patterns)

    if operator.endswith("-"):
        return value if is_set and value is not None else expanded(word)
    if operator.endswith("+"):
        return expanded(word) if is_set else ""
    if not is_set or value is None:
        raise Unset(name)
    return value


def _patterned(value: str, rest: str, values: Mapping[str, str | None]) -> str:
    """`value` trimmed or replaced by `rest` (`#pat`, `##pat`, `%pat`, `%%pat`, `/pat/rep`, `//pat/rep`), the pattern
    and replacement expanded first."""
    operator = rest[:2] if rest[:2] in ("##", "%%", "//") else rest[0]
    pattern, _, replacement = (
        rest[len(operator) :].partition("/") if "/" in operator else (rest[len(operator) :], "", "")
    )
    pattern = expand(pattern, values, patterns=True)
    replacement = expand(replacement, values, patterns=True)
    if "\\" in pattern:
        raise Malformed(f"'{rest}': a pattern with a backslash is not read")
    size = len(value)
    if operator in ("#", "##"):
        ends = range(size + 1) if operator == "#" else range(size, -1, -1)
        return next((value[end:] for end in ends if fnmatchcase(value[:end], pattern)), value)
    if operator in ("%", "%%"):
        starts = range(size, -1, -1) if operator == "%" else range(size + 1)
        return next((value[:start] for start in starts if fnmatchcase(value[start:], pattern)), value)
    if not pattern:
        return value
    out: list[str] = []
    index = 0
    while index <= size:
        end = next((end for end in range(size, index, -1) if fnmatchcase(value[index:end], pattern)), None)
        if end is None:
            if index < size:
                out.append(value[index])
            index += 1
            continue
        out.append(replacement)
        if operator == "/":
            return "".join(out) + value[end:]
        index = end
    return "".join(out)
