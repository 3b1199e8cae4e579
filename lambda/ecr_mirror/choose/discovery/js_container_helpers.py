"""A JavaScript/TypeScript project's own container helpers and the images their callers give them (pure).

A test harness often wraps dockerode in a helper taking an options object, `async container({ name, image, ... })`,
whose body pulls the image (`docker.pull(image)`) or creates a container of it (`docker.createContainer({ Image:
image })`, which the harness pulls first): graphql-hive/gateway's `internal/e2e/src/tenv.ts`, called from its e2e
tests as `container({ name: 'redis', image: 'redis:8', ... })`. `defined_names` finds such helpers (a method, a
`function`, or an arrow function bound with `const`, whose first parameter destructures `image`) and the
functions of a file that take `{ image }` and pull nothing (they shadow a helper of the same name there), and
`helper_calls` the images a file's calls of a helper give: the `image:` of the object literal the call is given, a
string literal, or each branch of a conditional of two literals (`cond ? 'a:1' : 'b:2'`), with a tag or a digest, at
the literal's line. A value joined with `+`, a template literal or a name is known only when the test runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.js_test_rows import closing_bracket
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

_NAME = r"[A-Za-z_$][\w$]*"
# up to the `{` of the destructured first parameter
_DEFINITION_RES = (
    re.compile(rf"(?:\basync\s+|\bfunction\s*\*?\s*|^[ \t]*)(?P<name>{_NAME})\s*\(\s*\{{", re.M),
    re.compile(rf"\b(?:const|let|var)\s+(?P<name>{_NAME})\s*=\s*(?:async\s*)?\(\s*\{{"),
)
_IMAGE_PARAM_RE = re.compile(r"(?:^|,)\s*image\s*(?:=[^,]*)?(?:,|$)")  # `image` or `image = "..."` alone
_PULLS_RE = re.compile(r"\.pull\(\s*image\b|\bImage\s*:\s*image\b")
_LITERAL = r"""(?P<q>['"])(?P<text>[^'"\\\n]+)(?P=q)"""
_ONE_RE = re.compile(rf"\s*{_LITERAL}\s*$")
_EITHER_RE = re.compile(
    r"""(?:[^?'"`+]|'[^'\n]*'|"[^"\n]*")*\?\s*(?P<q1>['"])(?P<a>[^'"\\\n]+)(?P=q1)\s*:\s*(?P<q2>['"])(?P<b>[^'"\\\n]+)(?P=q2)\s*$"""
)
_KEYWORDS = frozenset({"if", "for", "while", "switch", "catch", "function", "return"})


def _definitions(text: str) -> Iterator[tuple[str, bool]]:
    """(name, pulls) of each function of `text` whose first parameter destructures `image`."""
    for pattern in _DEFINITION_RES:
        for match in pattern.finditer(text):
            closing = closing_bracket(text, match.end() - 1, "{", "}")
            params = " ".join(text[match.end() : closing].split()) if closing != -1 else ""
            if match["name"] in _KEYWORDS or not _IMAGE_PARAM_RE.search(params):
                continue
            body = text.find("{", closing)
            end = closing_bracket(text, body, "{", "}") if body != -1 else -1
            yield match["name"], end != -1 and _PULLS_RE.search(text, body, end) is not None


def defined_names(text: str) -> tuple[set[str], set[str]]:
    """The functions `text` defines taking `{ image }`: (the container helpers, those that pull it; the others,
    which pull nothing and whose calls in the file are theirs)."""
    pulling: set[str] = set()
    other: set[str] = set()
    for name, pulls in _definitions(text) if "image" in text else ():
        (pulling if pulls else other).add(name)
    return pulling, other


def _value_end(text: str, start: int, end: int) -> int:
    """The end of the property value starting at `start`, inside an object literal ending at `end`."""
    depth, at = 0, start
    while at < end:
        char = text[at]
        if char in "\"'`":
            close = text.find(char, at + 1)
            at = close if close != -1 else at
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            return at
        at += 1
    return end


def _tagged(text: str) -> bool:
    try:
        reference = parse_reference(text, default_tag=None)
    except ReferenceError_:
        return False
    return reference.tag is not None or reference.digest is not None


def helper_calls(text: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, image) of each literal image a call of one of `names` in `text` gives as `image:`."""
    if not names:
        return []
    call_re = re.compile(
        rf"(?<![\w$])(?<!async )(?<!function )(?:{'|'.join(map(re.escape, sorted(names)))})\s*\(\s*\{{"
    )
    out: list[tuple[int, str]] = []
    for call in call_re.finditer(text):
        opening = call.end() - 1
        if (closing := closing_bracket(text, opening, "{", "}")) == -1:
            continue
        for key in re.finditer(r"(?:^|[{,\s])image\s*:", text[opening + 1 : closing]):
            start = opening + 1 + key.end()
            value = text[start : _value_end(text, start, closing)]
            one, either = _ONE_RE.match(value), _EITHER_RE.match(value)
            groups = [("text", one)] if one else [("a", either), ("b", either)] if either else []
            for group, match in groups:
                if match is not None and _tagged(match[group]):
                    out.append((text.count("\n", 0, start + match.start(group)) + 1, match[group]))
    return out
