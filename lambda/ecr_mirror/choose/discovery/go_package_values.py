"""The literal values a Go package gives its package-level variables, in any of its files (pure).

A Go test suite commonly keeps its configuration in package-level variables that one file sets from the environment,
with a default, before the specs run, and that the package's other files use (flannel's functional suite: `var (
etcdImg string; ... )`, then in its `BeforeSuite`, `base := env("ETCD_IMG", "quay.io/coreos/etcd:v3.6.2")`, `etcdImg =
base`, and `dockerRun(..., etcdImg, ...)` in `etcd_test.go`). The files of one directory are one package, compiled
together (https://go.dev/ref/spec#Packages), so such a variable holds in every file the value the package gives it.

Read, over the files of one package: the variables declared at its top level (`var NAME T`, `var NAME = ...`, or in a
`var ( ... )` block), and every assignment to such a name anywhere in the package (`NAME = VALUE`, the declaration's
own value). A value is a literal string, a call of an environment-default helper of the package with a literal default
(a function of two `string` parameters whose body looks the first up with `os.Getenv` or `os.LookupEnv` and returns the
second: `func env(key, def string) string`; the value the suite runs with when the variable is not set), or a name the
assigning function binds with `:=` to one of those before the assignment. A variable is known when every assignment
gives it one same value; one assigned anything else, or two values, is not. An append to it (`NAME += "-arm64"`) in a
branch (indented deeper than the assignment: `case "arm64":`) is a variant for another setting and leaves the default
as it is; an append at the assignment's own depth or less makes the variable unknown. A function's own variable of the
same name (`NAME := ...`) is not the package's, and neither is a field (`x.NAME = ...`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LITERAL = r'"(?P<literal>[^"\\\n]*)"'
_BLOCK_RE = re.compile(r"^var[ \t]*\((?P<body>.*?)^\)", re.MULTILINE | re.DOTALL)
_SINGLE_RE = re.compile(r"^var[ \t]+(?P<names>[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)\b", re.MULTILINE)
_BLOCK_NAMES_RE = re.compile(r"^[ \t]*(?P<names>[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)\b", re.MULTILINE)
# a function of two string parameters: `func env(key, def string) string {`, `func getEnv(k string, d string) string {`
_HELPER_RE = re.compile(
    r"^func[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\([ \t]*(?P<key>[A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*,[ \t]*"
    r"(?P<default>[A-Za-z_]\w*)[ \t]+string[ \t]*\)[ \t]*string[ \t]*\{",
    re.MULTILINE,
)
_BODY_END_RE = re.compile(r"^}", re.MULTILINE)
_FUNC_RE = re.compile(r"^func\b", re.MULTILINE)
_KEYWORDS = frozenset({"var", "const", "type", "func", "import", "package", "return", "if", "for", "switch", "case"})

Value = tuple[str, str]  # (the kind of value: `literal`, `call` or `name`, its text)


def env_helpers(texts: Iterable[str]) -> set[str]:
    """The environment-default helpers the files declare (`func env(key, def string) string` looking `key` up with
    `os.Getenv` or `os.LookupEnv` and returning `def`)."""
    helpers: set[str] = set()
    for text in texts:
        for function in _HELPER_RE.finditer(text):
            end = _BODY_END_RE.search(text, function.end())
            body = text[function.end() : end.start() if end else len(text)]
            looked_up = re.search(rf"os\.(?:Getenv|LookupEnv)\(\s*{function['key']}\s*\)", body)
            if looked_up and re.search(rf"\breturn[ \t]+{function['default']}[ \t]*(?:\n|;|$)", body):
                helpers.add(function["name"])
    return helpers


def _declared(text: str) -> set[str]:
    """The package-level variables a file declares."""
    names: set[str] = set()
    for block in _BLOCK_RE.finditer(text):
        for line in _BLOCK_NAMES_RE.finditer(block["body"]):
            names |= {name.strip() for name in line["names"].split(",")}
    for single in _SINGLE_RE.finditer(text):
        names |= {name.strip() for name in single["names"].split(",")}
    return names - _KEYWORDS


def _value(expression: str, helpers: set[str]) -> Value | None:
    """What an assignment's right side is: a literal, a call of a helper with a literal default, a name."""
    expression = expression.strip()
    if (literal := re.fullmatch(_LITERAL, expression)) is not None:
        return "literal", literal["literal"]
    call = re.fullmatch(
        r"(?P<name>[A-Za-z_]\w*)\(\s*(?:\"[^\"\\\n]*\"|[A-Za-z_][\w.]*)\s*,\s*" + _LITERAL + r"\s*\)", expression
    )
    if call is not None and call["name"] in helpers:
        return "call", call["literal"]
    if re.fullmatch(r"[A-Za-z_]\w*", expression):
        return "name", expression
    return None


def _function_start(text: str, at: int) -> int:
    """Where the top-level function holding offset `at` starts (0 outside any)."""
    starts = [match.start() for match in _FUNC_RE.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _local(text: str, name: str, at: int, helpers: set[str]) -> str | None:
    """The literal the function holding `at` last binds `name` to with `:=` before `at`, when one."""
    start = _function_start(text, at)
    bound = list(re.finditer(rf"^[ \t]*{name}[ \t]*:=[ \t]*(?P<value>[^\n]+)$", text[start:at], re.MULTILINE))
    value = _value(bound[-1]["value"], helpers) if bound else None
    return value[1] if value is not None and value[0] != "name" else None


def package_values(texts: list[str]) -> dict[str, str]:
    """The package-level variables of the files of one Go package that the package gives one literal value."""
    helpers = env_helpers(texts)
    declared = set().union(*(_declared(text) for text in texts)) if texts else set()
    values: dict[str, set[str | None]] = {}
    depths: dict[str, list[int]] = {}
    appends: dict[str, list[int]] = {}
    for text in texts:
        for name in declared:
            if name not in text:
                continue
            pattern = (
                rf"^(?P<indent>[ \t]*)(?:var[ \t]+)?{name}(?:[ \t]+[\w.*\[\]]+)?[ \t]*(?P<op>\+?=)(?!=)(?P<rhs>[^\n]*)$"
            )
            for assigned in re.finditer(pattern, text, re.MULTILINE):
                depth = len(assigned["indent"].expandtabs(4))
                if assigned["op"] == "+=":
                    appends.setdefault(name, []).append(depth)
                    continue
                value = _value(assigned["rhs"], helpers)
                if value is not None and value[0] == "name":
                    value = ("local", local) if (local := _local(text, value[1], assigned.start(), helpers)) else None
                values.setdefault(name, set()).add(value[1] if value is not None else None)
                depths.setdefault(name, []).append(depth)
    known: dict[str, str] = {}
    for name, given in values.items():
        literal = next(iter(given)) if len(given) == 1 else None
        if literal is None or any(depth <= min(depths[name]) for depth in appends.get(name, [])):
            continue  # two values, one not known, or appended to where it is assigned: not the literal alone
        known[name] = literal
    return known
