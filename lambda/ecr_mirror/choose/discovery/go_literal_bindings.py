"""The names a Go file binds to string literals, and to constant joins of them (pure).

`const X = "..."`, `X = "..."` in a `const` or `var` block, `X := "..."`: the name's value is the literal. A literal
joined with `+` to names the file binds so (`sparkImage = "quay.io/acme/data-processing:Spark-v" + sparkVersion`,
`sparkVersion = "4.0.1"`) is a constant expression Go evaluates whole (https://go.dev/ref/spec#Constant_expressions):
the name's value is the join, not its first literal. A join with a name the file does not bind so, or with a call
(`"...:v" + version()`), is no value known here, and the name is not bound; nor is a join of names bound to more
values than `_MAX_VALUES` joined (each term multiplies them: a name bound in many functions, joined a few times).
A name bound to environment variables or else a literal, `X = cmp.Or(os.Getenv("X_IMAGE"), "acme/gateway:dev")`
(`cmp.Or` returns its first argument that is not the zero value, https://pkg.go.dev/cmp#Or), holds the literal: the
value the program runs with when the variables are not set (apisix-ingress-controller's e2e framework,
`DataplaneImage = cmp.Or(os.Getenv("DATAPLANE_IMAGE"), "apache/apisix:dev")`); a call other than `os.Getenv` before
the literal makes it unknown.
A join may start with a name the file binds to a literal as well (`KafkaImage = repoOrg + "kafka:" + kafkaTag`,
`repoOrg = "quay.io/acme/"`): the same constant expression, its value the whole join, at its first name's offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BINDING_RE = re.compile(
    r"^[ \t]*(?:(?:const|var)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:string[ \t]*)?:?=[ \t]*\"([^\"\\\n]*)\"", re.MULTILINE
)
# `X = cmp.Or(os.Getenv("A"), os.Getenv("B"), "LITERAL"`: the literal the name holds when the variables are empty
_FALLBACK_RE = re.compile(
    r"^[ \t]*(?:(?:const|var)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:string[ \t]*)?:?=[ \t]*cmp\.Or\("
    r"(?:[ \t]*os\.Getenv\([ \t]*\"\w+\"[ \t]*\)[ \t]*,)+[ \t]*\"([^\"\\\n]*)\"[ \t]*[,)]",
    re.MULTILINE,
)
# a join whose first term is a name: `X = prefix + "name:" + tag`
_NAME_JOIN_RE = re.compile(
    r"^[ \t]*(?:(?:const|var)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:string[ \t]*)?:?=[ \t]*([A-Za-z_]\w*)(?=[ \t]*\+)",
    re.MULTILINE,
)
_MAX_VALUES = 64  # the values of one join, at most
_JOIN_RE = re.compile(r"[ \t]*\+[ \t]*")
_TERM_RE = re.compile(r"\"([^\"\\\n]*)\"|([A-Za-z_]\w*)(?![\w.(\[])")
# the expression ends at the line's end, a comment, a `;` or a closing bracket
_END_RE = re.compile(r"[ \t]*(?:$|//|/\*|;|[)}\]])", re.MULTILINE)


def _joined(text: str, at: int, simple: dict[str, set[str]]) -> set[str]:
    """The values of the `+` join after the literal ending at `at`, empty when a term is not known."""
    values = {""}
    while (join := _JOIN_RE.match(text, at)) is not None and (term := _TERM_RE.match(text, join.end())) is not None:
        parts = {term.group(1)} if term.group(1) is not None else simple.get(term.group(2), set())
        if len(values) * len(parts) > _MAX_VALUES:
            return set()
        values, at = {value + part for value in values for part in parts}, term.end()
    return values if _END_RE.match(text, at) is not None else set()


def literal_bindings(text: str) -> Iterator[tuple[str, set[str], int]]:
    """(name, values, offset of its first literal) of each binding of the file (see the module), in the file's
    order."""
    return iter(sorted(_bindings(text), key=lambda binding: binding[2]))


def _bindings(text: str) -> Iterator[tuple[str, set[str], int]]:
    simple: dict[str, set[str]] = {}
    literals = list(_BINDING_RE.finditer(text))
    for binding in literals:
        if not _JOIN_RE.match(text, binding.end()):
            simple.setdefault(binding.group(1), set()).add(binding.group(2))
    starts = [(binding.start(), binding, False) for binding in literals]
    starts += [(binding.start(), binding, True) for binding in _NAME_JOIN_RE.finditer(text)]
    for _, binding, named in sorted(starts, key=lambda start: start[0]):
        heads = simple.get(binding.group(2), set()) if named else {binding.group(2)}
        if not named and not _JOIN_RE.match(text, binding.end()):
            yield binding.group(1), heads, binding.start(2)
            continue
        tails = _joined(text, binding.end(), simple) if heads else set()
        if tails and len(heads) * len(tails) <= _MAX_VALUES:
            yield binding.group(1), {head + tail for head in heads for tail in tails}, binding.start(2)
    if "cmp.Or(" in text:
        for fallback in _FALLBACK_RE.finditer(text):
            yield fallback.group(1), {fallback.group(2)}, fallback.start(2)


def bindings(text: str) -> dict[str, set[str]]:
    """The values each name of a Go file is bound to (`literal_bindings`)."""
    bound: dict[str, set[str]] = {}
    for name, values, _ in literal_bindings(text):
        bound.setdefault(name, set()).update(values)
    return bound
