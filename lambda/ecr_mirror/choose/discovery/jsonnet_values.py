"""The values a field of a Jsonnet file takes, read without running Jsonnet (pure).

https://jsonnet.org/ref/spec.html: a CI config written in Jsonnet builds its objects with functions, `local
go_runtime(version, arch) = { containers: [{ image: 'golang:' + version + '-buster' }] };`, called from other functions
and from array comprehensions, `[task_build_go(version, arch) for version in ['1.15', '1.16'] for arch in ['amd64']]`.
A field's value is read when it is string literals (`'...'`, `"..."`, verbatim `@'...'`) and names joined with `+`;
a name takes the values of:

- a parameter of the function (`local f(a, b='x') =`) whose body holds it: the argument each call of the function in
  the file passes at its place (or by name, or the default), read where the call is, through as many functions;
- a comprehension variable (`for version in [...]`) of a bracket around it: each element of the array literal;
- a `local name = ...;` before it: its value.

Anything else (`std.extVar`, an object field, a format with `%`, an `if`) is known only when Jsonnet runs: the field
is unresolved. Comments (`//`, `#`, `/* */`) are read as blanks.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_MAX_DEPTH = 8  # the functions and comprehensions followed for one name
_MAX_VALUES = 64  # the values of one field
_NAME_RE = re.compile(r"[A-Za-z_]\w*")
_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
_FUNCTION_RE = re.compile(r"\blocal\s+([A-Za-z_]\w*)\s*\(([^()]*)\)\s*=")
_LOCAL_RE = re.compile(r"\blocal\s+([A-Za-z_]\w*)\s*=")
_OPEN, _CLOSE = "([{", ")]}"


class Unknown(Exception):
    """A value known only when Jsonnet runs."""


@dataclass(frozen=True, slots=True)
class _Function:
    name: str
    parameters: tuple[tuple[str, tuple[int, int] | None], ...]  # (name, where its default expression is)
    start: int  # of `local`
    body: tuple[int, int]


def _masked(text: str) -> str:
    """`text` with comments and the insides of strings blanked (quotes kept), offsets unchanged."""
    out = list(text)
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if text.startswith("|||", index):
            end = text.find("|||", index + 3)
            end = size if end < 0 else end
            out[index + 3 : end] = " " * (end - index - 3)
            index = end + 3
        elif char in "'\"":
            end = index + 1
            while end < size and text[end] != char and text[end] != "\n":
                end += 2 if text[end] == "\\" and text[index - 1 : index] != "@" else 1
            out[index + 1 : min(end, size)] = " " * (min(end, size) - index - 1)
            index = end + 1
        elif char == "#" or text.startswith("//", index):
            end = text.find("\n", index)
            end = size if end < 0 else end
            out[index:end] = " " * (end - index)
            index = end
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            end = size if end < 0 else end + 2
            out[index:end] = [c if c == "\n" else " " for c in text[index:end]]
            index = end
        else:
            index += 1
    return "".join(out)


class JsonnetFile:
    """One Jsonnet file's text, read for the values of its fields."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = _masked(text)
        self._pairs = self._brackets()
        self.functions = [self._function(match) for match in _FUNCTION_RE.finditer(self.masked)]

    def _brackets(self) -> dict[int, int]:
        pairs: dict[int, int] = {}
        stack: list[int] = []
        for index, char in enumerate(self.masked):
            if char in _OPEN:
                stack.append(index)
            elif char in _CLOSE and stack:
                pairs[stack.pop()] = index
        return pairs

    def expression_end(self, start: int, stops: str = ",;") -> int:
        """Where the expression starting at `start` ends: the first of `stops` or closing bracket at its level."""
        index = start
        while index < len(self.masked):
            char = self.masked[index]
            if char in _OPEN:
                index = self._pairs.get(index, len(self.masked))
            elif char in _CLOSE or char in stops:
                return index
            index += 1
        return index

    def _body_end(self, start: int) -> int:
        """The `;` that ends a `local` binding's value starting at `start` (a `local` inside it takes its own)."""
        pending, index = 0, start
        while index < len(self.masked):
            char = self.masked[index]
            if char in _OPEN:
                index = self._pairs.get(index, len(self.masked))
            elif char in _CLOSE:
                return index
            elif char == ";":
                if not pending:
                    return index
                pending -= 1
            elif self.masked.startswith("local", index) and not _word_char(self.masked, index - 1):
                pending += 1
            index += 1
        return index

    def _function(self, match: re.Match[str]) -> _Function:
        parameters: list[tuple[str, tuple[int, int] | None]] = []
        for part, at in _split(self.masked[match.start(2) : match.end(2)], match.start(2)):
            name, equals, _ = part.partition("=")
            parameters.append((name.strip(), (at + len(name) + 1, at + len(part)) if equals else None))
        return _Function(match.group(1), tuple(parameters), match.start(), (match.end(), self._body_end(match.end())))

    def values(self, start: int, end: int, depth: int = 0) -> list[str]:
        """The values of the expression at `text[start:end]`; Unknown when one cannot be known."""
        if depth > _MAX_DEPTH:
            raise Unknown
        choices: list[list[str]] = []
        for term, at in _split(self.masked[start:end], start, "+"):
            choices.append(self._term(at, at + len(term), depth))
        values = ["".join(parts) for parts in itertools.islice(itertools.product(*choices), _MAX_VALUES)]
        return list(dict.fromkeys(values))

    def _term(self, start: int, end: int, depth: int) -> list[str]:
        while start < end and self.masked[start].isspace():
            start += 1
        while end > start and self.masked[end - 1].isspace():
            end -= 1
        written = self.text[start:end]
        if written.startswith("@") and written[1:2] in ("'", '"') and written.endswith(written[1]):
            return [written[2:-1]]
        if len(written) >= 2 and written[0] in "'\"" and written.endswith(written[0]):
            return [_unescaped(written[1:-1])]
        if _NUMBER_RE.fullmatch(written):
            return [written]
        if _NAME_RE.fullmatch(written):
            return self._name(written, start, depth)
        raise Unknown

    def _name(self, name: str, at: int, depth: int) -> list[str]:
        function = self._parameter_of(name, at)
        if function is not None:
            return self._arguments(function, name, depth)
        if (listed := self._comprehension(name, at)) is not None:
            return [value for start, end in listed for value in self.values(start, end, depth + 1)]
        bound = [m for m in _LOCAL_RE.finditer(self.masked, 0, at) if m.group(1) == name]
        if bound:
            start = bound[-1].end()
            return self.values(start, self._body_end(start), depth + 1)
        raise Unknown

    def _parameter_of(self, name: str, at: int) -> _Function | None:
        """The innermost function whose body holds `at` and that has a parameter `name`."""
        holding = [f for f in self.functions if f.body[0] <= at < f.body[1] and any(p == name for p, _ in f.parameters)]
        return max(holding, key=lambda f: f.body[0]) if holding else None

    def _arguments(self, function: _Function, name: str, depth: int) -> list[str]:
        """The values each call of `function` in the file passes for its parameter `name`."""
        place = [p for p, _ in function.parameters].index(name)
        default = function.parameters[place][1]
        calls = re.finditer(rf"(?<![\w.]){re.escape(function.name)}\s*\(", self.masked)
        values: list[str] = []
        for call in calls:
            if function.start <= call.start() < function.body[0]:
                continue  # the definition
            opened = call.end() - 1
            closed = self._pairs.get(opened, opened)
            arguments = _split(self.masked[opened + 1 : closed], opened + 1)
            named = {
                a.split("=", 1)[0].strip(): (at + a.index("=") + 1, at + len(a)) for a, at in arguments if "=" in a
            }
            positional = [(at, at + len(a)) for a, at in arguments if "=" not in a]
            if name in named:
                values += self.values(*named[name], depth + 1)
            elif place < len(positional):
                values += self.values(*positional[place], depth + 1)
            elif default is not None:
                values += self.values(*default, depth + 1)
            else:
                raise Unknown
        if not values:
            raise Unknown
        return list(dict.fromkeys(values))

    def _comprehension(self, name: str, at: int) -> list[tuple[int, int]] | None:
        """The elements of the array literal of `for name in [...]` in a bracket around `at`, innermost first."""
        holding = sorted((o for o, c in self._pairs.items() if o < at < c and self.masked[o] == "["), reverse=True)
        pattern = re.compile(rf"\bfor\s+{re.escape(name)}\s+in\s*\[")
        for opened in holding:
            for match in pattern.finditer(self.masked, opened, self._pairs[opened]):
                if self._level(match.start(), opened):
                    inner = match.end() - 1
                    closed = self._pairs.get(inner, inner)
                    return [(s, s + len(e)) for e, s in _split(self.masked[inner + 1 : closed], inner + 1)]
        return None

    def _level(self, index: int, opened: int) -> bool:
        """Whether `index` is directly inside the bracket opened at `opened` (in no bracket within it)."""
        return not any(o > opened and o < index < c for o, c in self._pairs.items())


def _word_char(text: str, index: int) -> bool:
    return index >= 0 and (text[index].isalnum() or text[index] == "_")


def _split(masked: str, offset: int, separator: str = ",") -> list[tuple[str, int]]:
    """The parts of `masked` between its top-level `separator`s, each with its offset (blank parts left out)."""
    parts: list[tuple[str, int]] = []
    depth, start = 0, 0
    for index, char in enumerate(masked):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif char == separator and depth == 0:
            parts.append((masked[start:index], offset + start))
            start = index + 1
    parts.append((masked[start:], offset + start))
    return [(part, at) for part, at in parts if part.strip()]


def _unescaped(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)
