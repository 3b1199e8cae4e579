"""A Python string literal filled in with `str.format` where it is written, from names the same function binds
(pure).

Invoke tasks build their shell commands so: `version = "2.5.0"` then `run("docker run ... golangci/golangci-lint:v{}
{}".format(version, golangci_cmd))`. The literal's `{}` and `{0}` fields take the positional arguments in order; an
argument that is a literal string is that string, a plain name the one literal the enclosing function (the text from
its `def` to the call) binds it to, else the file (a module constant). Anything else (a parameter, a call, a name
bound twice, a keyword field `{name}`) is a value known only when the program runs: `${NAME}`, named after it.
"""

from __future__ import annotations

import bisect
import functools
import re

from ecr_mirror.choose.discovery.source_expressions import expression_end, placeholder
from ecr_mirror.choose.discovery.source_names import SourceNames

_FORMAT_RE = re.compile(r"\s*\.format\(\s*")
_FIELD_RE = re.compile(r"\{(?P<index>\d*)\}|\{[^{}]*\}")
_STRING_RE = re.compile(r"""(?P<quote>["'])(?P<body>[^"'\\\n]*)(?P=quote)""")
_NAME_RE = re.compile(r"[A-Za-z_]\w*")
_DEF_RE = re.compile(r"^[ \t]*def[ \t]+\w+", re.MULTILINE)
_SPACES_RE = re.compile(r"\s*")


@functools.lru_cache(maxsize=4)
def _definitions(text: str) -> tuple[int, ...]:
    """Where the `def` lines of `text` start, found once per text (not once per call of it)."""
    return tuple(match.start() for match in _DEF_RE.finditer(text))


def _arguments(text: str, at: int) -> list[str] | None:
    """The expressions of the call's arguments from `at` to its closing parenthesis; None for a keyword argument."""
    arguments: list[str] = []
    while at < len(text) and text[at] != ")":
        end = expression_end(text, at, _STRING_RE, "\"'")
        if end == at:
            return None
        expression = text[at:end].strip()
        if re.match(r"[A-Za-z_]\w*\s*=(?!=)", expression):
            return None
        arguments.append(expression)
        at = _SPACES_RE.match(text, end + (text[end : end + 1] == ",")).end()  # type: ignore[union-attr]
    return arguments


def _value(expression: str, local: SourceNames, module: SourceNames) -> str:
    literal = _STRING_RE.fullmatch(expression)
    if literal is not None:
        return literal["body"]
    if _NAME_RE.fullmatch(expression):
        for names in (local, module):
            values = {value for _, value in names.values(expression)}
            if len(values) == 1:
                return next(iter(values))
            if values:
                break  # bound twice where it is used: not known
    return placeholder(expression, "PYTHON_EXPRESSION")


def formatted(text: str, body: str, end: int, module: SourceNames) -> str:
    """`body`, the literal that ends at `end` in `text`, filled in by a `.format(...)` written after it; as it is
    when none is."""
    call = _FORMAT_RE.match(text, end)
    if call is None or "{" not in body:
        return body
    arguments = _arguments(text, call.end())
    starts = _definitions(text)
    before = bisect.bisect_left(starts, end) - 1  # the last `def` line starting before the literal's end
    local = SourceNames.of(text[starts[before] : end] if before >= 0 else "")
    values = [_value(argument, local, module) for argument in arguments or ()]
    position = iter(range(len(values)))

    def field(match: re.Match[str]) -> str:
        if arguments is None or match["index"] is None:
            return placeholder(match.group(0)[1:-1], "PYTHON_EXPRESSION")
        index = int(match["index"]) if match["index"] else next(position, len(values))
        return values[index] if index < len(values) else placeholder("", "PYTHON_EXPRESSION")

    return _FIELD_RE.sub(field, body.replace("{{", "\0").replace("}}", "\1")).replace("\0", "{").replace("\1", "}")
