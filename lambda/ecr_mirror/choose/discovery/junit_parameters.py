"""The images a JUnit 5 parameterized test starts from its parameters (pure; testcontainers.py reads the sources).

A `@ParameterizedTest` method runs once per row of its argument source
(https://junit.org/junit5/docs/current/user-guide/#writing-tests-parameterized-tests): `@ValueSource(ints = {9, 12})`
or `@ValueSource(strings = {...})` (one value a row, to the first parameter), `@CsvSource({"postgres, 16", ...})`
(one string a row, split on commas, `'...'` quoting a value, one value per parameter in order), and
`@MethodSource("name")` (bare: the test's own name) naming a method of the same file whose rows are literal
`Arguments.of(...)`/`arguments(...)` calls, else the literals of the one `Stream.of(...)`, `List.of(...)`,
`Arrays.asList(...)` or `new String[] {...}` it returns. Within the test's body, the image given to a container
(testcontainers.py's constructor and `DockerImageName.parse` patterns, and either given `String.format("%s:%s", a,
b)`) is evaluated once per row, each parameter bound to that row's value (a join `"jetty:" + major`, a local bound to
one, or the parameter itself: a value at the line it is written on, a join at its line). Rows are never crossed (a
`@CsvSource` of `postgres, 16` and `mysql, 8.4` is no `mysql:16`); a row's value that is not a literal binds nothing,
so an image built from it is not listed; a parameter only asserted on, or a method that is not parameterized, gives
nothing. An argument provider of another class (`@MethodSource("Other#rows")`, `@ArgumentsSource`) is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ecr_mirror.choose.discovery.source_names import Part, SourceNames

# (text, names, start, end) -> (offset, image) of the images given to containers between start and end
ImagesIn = Callable[[str, SourceNames, int, int], list[tuple[int, str]]]
Row = list[tuple[int, str] | None]  # (offset, value) per parameter; None: not a literal

_TEST_RE = re.compile(r"@(?:org\.junit\.jupiter\.params\.)?ParameterizedTest\b")
_ANNOTATION_RE = re.compile(r"\s*@(?P<name>[\w.]+)\s*")
# the method's signature after its annotations: `void collects(int major) {`, Kotlin `fun collects(major: Int) {`
_SIGNATURE_RE = re.compile(r"[\w<>\[\]?,. \t\n]*?\b(?P<name>[a-z_]\w*)\s*\(")
_THROWS_RE = re.compile(r"\s*(?::\s*\w+\s*)?(?:throws\s+[\w.,\s]+?)?\s*\{")
# a literal token, or a comment skipped: strings, numbers, chars
_TOKEN_RE = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*")|//[^\n]*|/\*.*?\*/|(?P<number>-?\d+(?:\.\d+)?)[lLfFdD]?\b"""
    r"""|'(?P<char>[^'\\\n])'""",
    re.DOTALL,
)
_ARGUMENTS_RE = re.compile(r"(?<![\w.])(?:Arguments\s*\.\s*)?(?:of|arguments)\s*\(")
_LISTED_RE = re.compile(r"\b(?:Stream|List|Set|Arrays|IntStream)\s*\.\s*(?:of|asList)\s*\(|\bnew\s+\w+\s*\[\s*\]\s*\{")
_FORMAT_RE = re.compile(r"\bString\s*\.\s*format\(\s*\"(?P<format>[^\"\\\n]*)\"\s*,")
_FORMAT_ARGUMENT_RE = re.compile(r"\s*(?:(?P<literal>\"[^\"\\\n]*\")|(?P<name>[A-Za-z_][\w.]*))\s*")
_BOUND_FORMAT_RE = re.compile(r"\b(?P<lhs>[A-Za-z_]\w*)\s*=\s*(?=String\s*\.\s*format\()")
_CONTAINER_FORMAT_RE = re.compile(
    r"(?:\b[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?\s*\(|\bDockerImageName\s*\.\s*parse\(|(?<![\w.$])parse\()\s*"
    r"(?=String\s*\.\s*format\()"
)
_SPECIFIER_RE = re.compile(r"%[sd]")
_MAX_ROWS = 256
_MAX_SCAN = 200_000  # characters of a method's body or an annotation read


def bracket_end(text: str, at: int, opening: str, closing: str) -> int:
    """The offset just after the bracket closing the one opened just before `at` (strings and comments skipped);
    -1 when it does not close within `_MAX_SCAN` characters."""
    depth, end = 1, at
    limit = min(len(text), at + _MAX_SCAN)
    while end < limit:
        char = text[end]
        if char == '"' or text.startswith("//", end) or text.startswith("/*", end):
            token = _TOKEN_RE.match(text, end)
            end = token.end() if token is not None else end + 1
            continue
        depth += 1 if char == opening else -1 if char == closing else 0
        end += 1
        if depth == 0:
            return end
    return -1


def _tokens(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, value) of each literal between `start` and `end`: strings unquoted, numbers and chars as written."""
    out: list[tuple[int, str]] = []
    for token in _TOKEN_RE.finditer(text, start, end):
        for group in ("string", "number", "char"):
            if token[group] is not None:
                value = token[group][1:-1] if group == "string" else token[group]
                out.append((token.start(group) + (1 if group == "string" else 0), value))
    return out


def top_level_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each top-level, comma-separated item between `start` and `end`."""
    items, at, depth = [], start, 0
    for index in range(start, end):
        char = text[index]
        depth += 1 if char in "([{" else -1 if char in ")]}" else 0
        if char == "," and depth == 0:
            items.append((at, index))
            at = index + 1
    return [*items, (at, end)]


def _csv_rows(text: str, start: int, end: int) -> list[Row]:
    """The rows of a `@CsvSource` whose arguments lie between `start` and `end`: each string of its `value`, split on
    commas (`'...'` quotes a value)."""
    body = text[start:end]
    brace = re.search(r"(?:\bvalue\s*=\s*)?\{", body)
    if brace is not None and (brace.start() == 0 or "value" in brace.group()):
        close = bracket_end(text, start + brace.end(), "{", "}")
        start, end = start + brace.end(), close if close > 0 else end
    rows: list[Row] = []
    for offset, line in _tokens(text, start, end)[:_MAX_ROWS]:
        row: Row = []
        for cell in re.finditer(r"\s*(?:'(?P<quoted>[^']*)'|(?P<plain>[^,]*?))\s*(?:,|$)", line):
            if cell.start() == len(line) and row:
                break
            value = cell["quoted"] if cell["quoted"] is not None else cell["plain"]
            row.append((offset, value))
        rows.append(row)
    return rows


def _method_rows(text: str, name: str) -> list[Row]:
    """The rows of the same-file method `name` a `@MethodSource` names: its literal `Arguments.of(...)` rows, else
    the literals of the list it returns, one a row."""
    method = re.search(r"\b" + re.escape(name) + r"\s*\(\s*\)\s*(?::\s*[\w<>?, .]+)?\s*(?:throws[\w.,\s]+)?\{", text)
    if method is None:
        return []
    end = bracket_end(text, method.end(), "{", "}")
    end = end if end > 0 else len(text)
    rows: list[Row] = []
    for call in _ARGUMENTS_RE.finditer(text, method.end(), end):
        close = bracket_end(text, call.end(), "(", ")")
        if close < 0:
            continue
        row: Row = []
        for item_start, item_end in top_level_items(text, call.end(), close - 1):
            tokens = _tokens(text, item_start, item_end)
            literal = len(tokens) == 1 and text[item_start:item_end].strip().strip('"') == tokens[0][1]
            row.append(tokens[0] if literal else None)
        rows.append(row)
    if rows:
        return rows[:_MAX_ROWS]
    listed = _LISTED_RE.search(text, method.end(), end)
    if listed is None:
        return []
    close = bracket_end(text, listed.end(), listed.group()[-1], ")" if listed.group().endswith("(") else "}")
    single: list[Row] = [[token] for token in _tokens(text, listed.end(), close if close > 0 else end)]
    return single[:_MAX_ROWS]


def _rows(text: str, annotations: list[tuple[str, int, int]], method: str) -> list[Row]:
    """The rows the test's argument sources give, in order (annotations as (name, start, end) of their arguments)."""
    rows: list[Row] = []
    for name, start, end in annotations:
        short = name.rsplit(".", 1)[-1]
        if short == "ValueSource":
            rows += [[token] for token in _tokens(text, start, end)]
        elif short == "CsvSource":
            rows += _csv_rows(text, start, end)
        elif short == "MethodSource":
            named = [value for _, value in _tokens(text, start, end)] or [method]
            rows += [row for source in named if "#" not in source for row in _method_rows(text, source)]
    return rows[:_MAX_ROWS]


def _parameters(text: str, start: int, end: int) -> list[str]:
    """The names of a method's parameters: Java `final int major` (the last word), Kotlin `major: Int`."""
    names: list[str] = []
    for item_start, item_end in top_level_items(text, start, end):
        item = re.sub(r"@[\w.]+(?:\([^()]*\))?", "", text[item_start:item_end]).strip()
        if not item:
            continue
        words = re.findall(r"[A-Za-z_]\w*", item.split(":", 1)[0] if ":" in item else item)
        names.append(words[-1] if words else "")
    return names


def _formatted(text: str, at: int, names: SourceNames) -> list[tuple[int, str]]:
    """The values of the `String.format("...", a, b)` starting at `at`: `%s`/`%d` filled with literals and names."""
    call = _FORMAT_RE.match(text, at)
    if call is None:
        return []
    close = bracket_end(text, call.end(), "(", ")")
    if close < 0:
        return []
    arguments: list[Part] = []
    for item_start, item_end in top_level_items(text, call.end(), close - 1):
        argument = _FORMAT_ARGUMENT_RE.fullmatch(text, item_start, item_end)
        if argument is None:
            return []
        literal = argument["literal"]
        arguments.append((True, literal[1:-1]) if literal is not None else (False, argument["name"]))
    pieces = _SPECIFIER_RE.split(call["format"])
    if len(pieces) - 1 != len(arguments):
        return []
    parts: list[Part] = [(True, pieces[0])]
    for given, piece in zip(arguments, pieces[1:], strict=True):
        parts += [given, (True, piece)]
    return names.join(call.start(), tuple(part for part in parts if part != (True, "")))


def _bound(names: SourceNames, parameters: list[str], row: Row) -> SourceNames:
    """`names` with each parameter bound to its value in `row` alone (a field of the same name is shadowed)."""
    literals = dict(names.literals)
    aliases = {name: targets for name, targets in names.aliases.items() if name not in parameters}
    joins = {name: joined for name, joined in names.joins.items() if name not in parameters}
    for parameter, value in zip(parameters, row, strict=False):
        literals[parameter] = [value] if value is not None else []
    return replace(names, literals=literals, aliases=aliases, joins=joins)


def parameterized_images(text: str, names: SourceNames, images_in: ImagesIn) -> list[tuple[int, str]]:
    """(offset, image) of the images each `@ParameterizedTest` method of a Java or Kotlin source gives its containers,
    once per row of its argument sources (`images_in` finds the containers of the test's body)."""
    out: list[tuple[int, str]] = []
    for test in _TEST_RE.finditer(text):
        at, annotations = test.end(), []
        if text.startswith("(", at):
            at = max(at, bracket_end(text, at + 1, "(", ")"))
        while (annotation := _ANNOTATION_RE.match(text, at)) is not None:
            at = annotation.end()
            if text.startswith("(", at):
                close = bracket_end(text, at + 1, "(", ")")
                if close < 0:
                    break
                annotations.append((annotation["name"], at + 1, close - 1))
                at = close
        signature = _SIGNATURE_RE.match(text, at)
        close = bracket_end(text, signature.end(), "(", ")") if signature is not None else -1
        opening = _THROWS_RE.match(text, close) if signature is not None and close > 0 else None
        if signature is None or opening is None:
            continue
        end = bracket_end(text, opening.end(), "{", "}")
        end = end if end > 0 else len(text)
        parameters = _parameters(text, signature.end(), close - 1)
        for row in _rows(text, annotations, signature["name"]):
            bound = _bound(names, parameters, row)
            for binding in _BOUND_FORMAT_RE.finditer(text, opening.end(), end):
                bound.joins = {**bound.joins, binding["lhs"]: []}
                bound.literals = {**bound.literals, binding["lhs"]: _formatted(text, binding.end(), bound)}
            out += images_in(text, bound, opening.end(), end)
            out += [
                given
                for call in _CONTAINER_FORMAT_RE.finditer(text, opening.end(), end)
                for given in _formatted(text, call.end(), bound)
            ]
    return out
