"""Images a Go Testcontainers helper takes from a field of an options struct it is handed (pure).

A package's test helper often starts one default image and lets its callers choose another through an options
struct: zalando/skipper's `net/redistest` writes `image := "redis:7-alpine"`, then `if opts.image != "" { image =
opts.image }` in `func newTestRedisWithOptions(t testing.TB, opts options)`, before `testcontainers.ContainerRequest{
Image: image}` (https://golang.testcontainers.org/features/creating_container/), and its test calls
`newTestRedisWithOptions(t, options{image: "redis:6-alpine"})` in another file of the package. The default is read
by testcontainers.py; here (`option_fields`), in a file that imports Testcontainers, a name given as the image
(`Image: NAME`, `WithImage(NAME)`) that its function assigns, before that line, from `PARAM.FIELD` of a parameter
`PARAM TYPE` (or `*TYPE`) names the options struct TYPE and its FIELD; then (`option_literals`) every composite literal
`TYPE{... FIELD: "..."}` (`&TYPE{...}` too) in a Go file of the same package (the directory: an unexported type is
seen there only) gives that image, at the literal's line. A literal of another type with the same field, a field the
helper does not give as the image, or a value that is no string literal, is not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.go_test_tables import block_end

_IMAGE_NAME_RE = re.compile(r"(?:\bImage:\s*|\bWithImage\(\s*)(?P<name>[A-Za-z_]\w*)\s*[,)}\n]")
_FUNC_RE = re.compile(r"^func\s+(?:\([^)]*\)\s*)?\w+\s*(?:\[[^\]]*\]\s*)?\((?P<params>[^)]*)\)", re.MULTILINE)
_PARAM_RE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+\*?(?P<type>[A-Za-z_]\w*)$")


def _parameters(params: str) -> dict[str, str]:
    """PARAM -> TYPE of a Go parameter list's plain named types (`t testing.TB, opts options`: {"opts": "options"};
    `a, b T` gives both T: a bare name takes the type of the group after it)."""
    out: dict[str, str] = {}
    kind = ""
    for group in reversed([group.strip() for group in params.split(",")]):
        if (match := _PARAM_RE.match(group)) is not None:
            kind = match["type"]
            out[match["name"]] = kind
        elif re.fullmatch(r"[A-Za-z_]\w*", group) and kind:
            out[group] = kind
        else:
            kind = ""  # `t testing.TB`, `f func(...)`: no plain type for the names before it
    return out


def option_fields(text: str) -> dict[str, set[str]]:
    """TYPE -> the FIELDs of the options struct TYPE that a function of the file (a Testcontainers one) gives as the
    image: `NAME = PARAM.FIELD` before `Image: NAME`, PARAM a parameter of type TYPE."""
    blank = without_comments(text)
    functions = list(_FUNC_RE.finditer(blank))
    fields: dict[str, set[str]] = {}
    for given in _IMAGE_NAME_RE.finditer(blank):
        enclosing = [function for function in functions if function.start() < given.start()]
        if not enclosing:
            continue
        function = enclosing[-1]
        parameters = _parameters(function["params"])
        body = blank[function.end() : given.start()]
        name = re.escape(given["name"])
        assigned = re.compile(rf"(?<![\w.]){name}\s*:?=\s*(?P<param>\w+)\.(?P<field>\w+)\s*(?:\n|;)")
        for match in assigned.finditer(body):
            if match["param"] in parameters:
                fields.setdefault(parameters[match["param"]], set()).add(match["field"])
    return fields


def option_literals(text: str, fields: dict[str, set[str]]) -> list[tuple[int, str]]:
    """(offset, literal) of each `FIELD: "..."` of a composite literal `TYPE{...}` in `text`, for `fields`' TYPEs."""
    out: list[tuple[int, str]] = []
    for kind, names in fields.items():
        for match in re.finditer(rf"(?<![\w.]){re.escape(kind)}\s*\{{", text):
            end = block_end(text, match.end())
            for name in sorted(names):
                pattern = re.compile(rf'(?<![\w.]){re.escape(name)}:\s*"(?P<value>[^"\\\n]+)"\s*[,}}\n]')
                out += [(given.start("value"), given["value"]) for given in pattern.finditer(text, match.end(), end)]
    return sorted(out)
