"""Literal strings a Go test gives a name through a table or a loop (pure): the rows of a table-driven test
(`tests := []struct{ image string }{{image: "redis:7"}}`, then `Image: tt.image` where `for _, tt := range
tests` binds `tt`; a field of another struct, `Image: s.image`, is not a row's), and the name a `for` loop binds
over a list of literals (`for _, image := range []string{"a", "b"}`, or over a function of the same file that returns
one: `for _, image := range testImages()` with `return []string{"a", "b"}`, or over the values of a map of strings the
file binds: `for edition, img := range images` after `images := map[string]string{"Standard": "neo4j:4.4"}`, or over a
slice of literals the file binds to a name, written on one line or one element a line: `for _, version := range
versions` after `versions := []string{` `"0.16.57",` `"latest",` `}`, redpanda connect's TigerBeetle versions).

An image formatted with `fmt.Sprintf` (`postgres.Run(ctx, fmt.Sprintf("postgres:%s", pgVersion))`) is read when
its verbs are `%s` or `%v` and its arguments names: each verb takes each literal the file binds its name to
(source_names.py); an argument that is a field (`cfg.Version`) or a call is known only when the test runs, and the
image is not read.

A struct's rows pair their fields (`row_pairs`): `mysql = dbSetting{ImageName: "mariadb", ImageVersion: "10.4.7"}` gives
("mariadb", "10.4.7"), a row without the second field ("redis", None), one without the first nothing.

A configuration struct's default (`struct_defaults`): `Image: config.image` where the file binds `config` to a
composite literal that gives the field a literal (`config := &valkeyConfig{image: "valkey/valkey:8.0.3"}`) holds
that literal unless a functional option the caller passes changes it: the image a helper starts by default.

A field's values are the one-line literals written after `FIELD:` in the file's composite literals, and the literals
the file binds a name given there to (`image: baseImage6`, `field_names`); a row giving it something else (a call)
adds nothing. A loop over anything else (a variable bound to a call, a parameter, a call of another file) binds
nothing.
"""

from __future__ import annotations

import bisect
import itertools
import re

from ecr_mirror.choose.discovery.go_call_arguments import call_arguments
from ecr_mirror.choose.discovery.source_names import SourceNames, parts_of

_STRING_RE = re.compile(r'"(?P<value>[^"\\\n]*)"')
_SLICE = r"\[\]string\s*\{(?P<items>[^{}]*)\}"
_FUNCTION_RE = re.compile(
    r"^func\s+(?P<name>[A-Za-z_]\w*)\(\s*\)\s*\[\]string\s*\{\s*return\s+" + _SLICE + r"\s*\}", re.MULTILINE
)
_RANGE_RE = re.compile(
    r"\bfor\s+_\s*,\s*(?P<name>[A-Za-z_]\w*)\s*:=\s*range\s+(?:" + _SLICE + r"|(?P<call>[A-Za-z_]\w*)\(\s*\))"
)
# a loop over the values of a map of strings the file binds: `for edition, img := range images` after
# `images := map[string]string{"Standard": "neo4j:4.4", ...}`
_MAP_RANGE_RE = re.compile(r"\bfor\s+\w+\s*,\s*(?P<name>[A-Za-z_]\w*)\s*:=\s*range\s+(?P<map>[A-Za-z_]\w*)\s*\{")
_MAP_ITEM_RE = re.compile(r'"[^"\\\n]*"\s*:\s*"(?P<value>[^"\\\n]*)"\s*(?:,|\}|$)', re.MULTILINE)
# a loop over a slice of strings the file binds to a name: `for _, version := range versions` after `versions :=
# []string{` written one element a line (redpanda connect's TigerBeetle versions, `"0.16.57",` and `"latest",`)
_NAMED_RANGE_RE = re.compile(r"\bfor\s+_\s*,\s*(?P<name>[A-Za-z_]\w*)\s*:=\s*range\s+(?P<slice>[A-Za-z_]\w*)\s*\{")


def field_values(text: str, field: str) -> list[tuple[int, str]]:
    """(offset, literal) of each `FIELD: "..."` in the file's composite literals."""
    pattern = re.compile(rf'(?<![\w.])\b{re.escape(field)}:\s*"(?P<value>[^"\\\n]+)"\s*[,}}\n]')
    return [(match.start("value"), match["value"]) for match in pattern.finditer(text)]


def field_names(text: str, field: str) -> list[str]:
    """The names the file's composite literals give `FIELD` (`image: baseImage6`), each once, in order."""
    pattern = re.compile(rf"(?<![\w.])\b{re.escape(field)}:[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*[,}}\n]")
    return list(dict.fromkeys(match["name"] for match in pattern.finditer(text)))


def loops_over_rows(text: str, name: str) -> bool:
    """Whether a `for` loop of the file binds `name` to the rows of a table (`for _, tt := range tests`)."""
    return re.search(rf"\bfor\s+\w+\s*,\s*{re.escape(name)}\s*:=\s*range\b", text) is not None


def struct_defaults(text: str, name: str, field: str) -> list[tuple[int, str]]:
    """(offset, literal) of `FIELD: "..."` in each composite literal the file binds `name` to (`name :=
    &config{field: "..."}`, `var name = config{...}`), at its top level."""
    binding = re.compile(rf"(?<![\w.]){re.escape(name)}[ \t]*(?::=|=)[ \t]*&?[A-Za-z_][\w.]*[ \t]*\{{")
    pattern = re.compile(rf'(?<![\w.]){re.escape(field)}:\s*"(?P<value>[^"\\\n]+)"\s*[,}}\n]')
    out: list[tuple[int, str]] = []
    for match in binding.finditer(text):
        end = block_end(text, match.end())
        for given in pattern.finditer(text, match.end(), end):
            if literal_start(text, given.start()) == match.end():
                out.append((given.start("value"), given["value"]))
    return out


def _items(text: str, start: int, items: str) -> list[tuple[int, str]]:
    return [(start + match.start("value"), match["value"]) for match in _STRING_RE.finditer(items)]


def range_values(text: str) -> dict[str, list[tuple[int, str]]]:
    """(offset, literal) of each value a `for _, NAME := range ...` loop binds NAME to, by NAME."""
    returned = {
        match["name"]: _items(text, match.start("items"), match["items"]) for match in _FUNCTION_RE.finditer(text)
    }
    bound: dict[str, list[tuple[int, str]]] = {}
    for match in _RANGE_RE.finditer(text):
        if match["items"] is not None:
            values = _items(text, match.start("items"), match["items"])
        else:
            values = returned.get(match["call"], [])
        bound.setdefault(match["name"], []).extend(values)
    for match in _NAMED_RANGE_RE.finditer(text):
        pattern = rf"(?<![\w.]){match['slice']}\s*(?::=|=|\[\]string\s*=)\s*" + _SLICE
        if (binding := re.search(pattern, text)) is not None:
            bound.setdefault(match["name"], []).extend(_items(text, binding.start("items"), binding["items"]))
    for match in _MAP_RANGE_RE.finditer(text):
        binding = re.search(rf"(?<![\w.]){match['map']}\s*:?=\s*map\[string\]string\s*\{{(?P<items>[^{{}}]*)\}}", text)
        if binding is not None:
            items = binding["items"]
            values = [(binding.start("items") + m.start("value"), m["value"]) for m in _MAP_ITEM_RE.finditer(items)]
            bound.setdefault(match["name"], []).extend(values)
    return bound


_VERB_RE = re.compile(r"%[sv]")
_MAX_FORMATTED = 16


def formatted(text: str, start: int, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image) of each value of the `fmt.Sprintf("...", a, b)` at `start`, or nothing when it is not one of
    literal verbs and names, or a name has no literal value."""
    match = _SPRINTF_RE.match(text, start)
    if match is None or "%" in _VERB_RE.sub("", match["format"]):
        return []
    arguments = [re.sub(r"\s", "", argument) for argument in match["args"].split(",")]
    if len(arguments) != len(_VERB_RE.findall(match["format"])):
        return []
    choices = [sorted({value for _, value in names.values(name)}) for name in arguments]
    pieces = _VERB_RE.split(match["format"])
    out = []
    for combination in itertools.islice(itertools.product(*choices), _MAX_FORMATTED):
        image = pieces[0] + "".join(value + piece for value, piece in zip(combination, pieces[1:], strict=True))
        out.append((match.start("format"), image))
    return out


_ARGUMENT = r"[A-Za-z_]\w*(?:\(\s*\))?"  # a name, or a call of a function of the file without arguments
_SPRINTF_RE = re.compile(
    r'fmt\.Sprintf\(\s*"(?P<format>[^"\\\n]*)"\s*,\s*'
    r"(?P<args>" + _ARGUMENT + r"(?:\s*,\s*" + _ARGUMENT + r")*)\s*,?\s*\)"
)
# `image := fmt.Sprintf(...)` (or `=`) at a line's start
_FORMATTED_BINDING_RE = re.compile(r"^[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*:?=[ \t]*(?=fmt\.Sprintf\()", re.MULTILINE)
# a function without parameters whose body only returns an environment variable's value through a getter with a
# default: `func GetVersion() string { return GetEnv("VERSION", defaultVersion) }`
_ENV_RETURN_RE = re.compile(
    r"^func[ \t]+(?P<name>[A-Za-z_]\w*)\(\s*\)[ \t]*string[ \t]*\{\s*return[ \t]+(?P<getter>[\w.]+)\(\s*"
    r'(?:"[^"\\\n]*"|[A-Za-z_][\w.]*)\s*,\s*(?P<fallback>"[^"\\\n]*"|[A-Za-z_]\w*)\s*\)\s*\}',
    re.MULTILINE,
)


def bind_formatted(text: str, names: SourceNames) -> None:
    """Add to `names` the images a Go file formats into a name (`image := fmt.Sprintf("postgres:%s", pgVersion)`),
    and the default of each function of the file without parameters that returns an environment variable through a
    getter with a default (`return GetEnv("VERSION", defaultVersion)`, `lookupEnvOrDefault(...)`: the getter named
    for the environment), read as a call `GetVersion()`."""
    for match in _ENV_RETURN_RE.finditer(text):
        if "env" in match["getter"].rsplit(".", 1)[-1].lower():
            fallback = (match.start("fallback"), parts_of(match["fallback"]))
            names.joins.setdefault(match["name"] + "()", []).append(fallback)
    for match in _FORMATTED_BINDING_RE.finditer(text):
        names.literals.setdefault(match["name"], []).extend(formatted(text, match.end(), names))


def literal_start(text: str, at: int) -> int:
    """Where the composite literal holding offset `at` opens (just after its `{`), or -1."""
    depth = 0
    for index in range(at - 1, -1, -1):
        char = text[index]
        if char == "}":
            depth += 1
        elif char == "{":
            if not depth:
                return index + 1
            depth -= 1
    return -1


def row_pairs(text: str, first: str, second: str) -> list[tuple[int, str, str | None]]:
    """(offset, first, second) of each composite literal giving `FIRST: "..."`: its own `SECOND: "..."`, else None;
    a row giving the second field twice (rows nested in it) is not read."""
    pairs: list[tuple[int, str, str | None]] = []
    seconds = field_values(text, second)
    offsets = [offset for offset, _ in seconds]
    for at, value in field_values(text, first):
        if (start := literal_start(text, at)) < 0:
            continue
        end = block_end(text, start)
        given = seconds[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, end)]
        if len(given) <= 1:
            pairs.append((at, value, given[0][1] if given else None))
    return pairs


def block_end(text: str, start: int, pair: str = "{}") -> int:
    """Where the composite literal whose `{` ends at `start` ends (with `pair="()"`, the call whose `(` does)."""
    depth, at = 1, start
    while at < len(text) and depth:
        depth += {pair[0]: 1, pair[1]: -1}.get(text[at], 0)
        at += 1
    return at


_STRUCT_TABLE_RE = re.compile(r"\bfor\s+\w+\s*,\s*(?P<row>[A-Za-z_]\w*)\s*:=\s*range\s+\[\]struct\s*\{")
_FIELDS_RE = re.compile(r"[ \t]*(?P<names>[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]+\S")


def _struct_fields(body: str) -> list[str]:
    """The names of a struct type's fields in order, its body written a field a line or on one line with `;`
    between (`struct{ name, image string }`, `struct{ name string; image string }`): each declaration at the body's
    top level (a nested struct's fields are its own), comments left out; an embedded field gives none."""
    declarations: list[str] = []
    depth, begin = 0, 0
    body = re.sub(r"//[^\n]*", "", body)
    for at, char in enumerate(body):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char in ";\n" and not depth:
            declarations.append(body[begin:at])
            begin = at + 1
    declarations.append(body[begin:])
    matches = [_FIELDS_RE.match(declaration) for declaration in declarations]
    return [name.strip() for match in matches if match is not None for name in match["names"].split(",")]


def positional_values(text: str, row: str, field: str) -> list[tuple[int, str]]:
    """(offset, literal) of `FIELD` in each positional row of a table a loop binds `row` to, written in the loop
    (`for _, test := range []struct{ input string; ... }{{"alpine", ...}, ...}`, the struct and rows on one line or
    over many, the first row right after `}{` or on a line of its own): the row's element in the place of FIELD
    among the struct's fields (Go's composite literals without keys list every field in order,
    https://go.dev/ref/spec#Composite_literals); a keyed row (`{input: "..."}`) is field_values' to read."""
    out: list[tuple[int, str]] = []
    for table in _STRUCT_TABLE_RE.finditer(text):
        if table["row"] != row:
            continue
        body_end = block_end(text, table.end())
        fields = _struct_fields(text[table.end() : body_end - 1])
        rows_start = re.match(r"\s*\{", text[body_end:])
        if field not in fields or rows_start is None:
            continue
        place, at = fields.index(field), body_end + rows_start.end()
        rows_end = block_end(text, at) - 1
        for start in re.finditer(r"\{", text[at:rows_end]):
            # a row: the first right after the rows' `{` (`}{{"alpine", ...}`), or after a space or a comma
            if start.start() and text[at + start.start() - 1] not in ("\t", " ", "\n", ","):
                continue
            elements = call_arguments(text, at + start.end())
            if elements is None or len(elements) != len(fields) or ":" in elements[0][1].split('"')[0]:
                continue
            offset, element = elements[place]
            if (literal := re.fullmatch(r'"([^"\\\n]+)"', element)) is not None:
                out.append((offset + 1, literal.group(1)))
    return out
