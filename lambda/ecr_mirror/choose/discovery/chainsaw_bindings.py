"""A Kyverno Chainsaw test's resource templates, filled with the bindings of the operations applying them (pure).

Chainsaw renders the resources an operation sends to the cluster as templates (on by default since v0.2.1, off with
`template: false` on the test, the step or the operation): a string written as a JMESPath expression in parentheses
takes its value from the bindings in scope (https://kyverno.github.io/chainsaw/latest/configuration/templating/,
https://kyverno.github.io/chainsaw/latest/quick-start/bindings/). A test gives them in `spec.bindings`, a step in its
`bindings`, an operation in its own (`apply: {bindings: [...], file: 01-install-app.yaml}`), each in order, a later
one seeing the earlier ones; so a file two operations apply with two `APP_IMAGE` bindings deploys two images:
opentelemetry-operator's `image: ($APP_IMAGE)`, bound to `(join(':', ['ghcr.io/.../e2e-test-app-python',
$APP_IMAGE_TAG]))` with `main` and `main-3.10`. Read: a binding's literal value (a string or a number), and the
expressions `($name)`, `'literal'` and `join('sep', [...])` of those; each image of an applied file (`apply`,
`create`, `update`, `patch`; the file relative to the test) written as such an expression is listed once per
operation, with the value it gets, at its line. A binding known only when the test runs (`(env('IMG'))`,
`($values.x)`, a script's output, `$namespace`) or another function leaves it unresolved, saying so; an expression
in a file no operation applies with a value for it is unresolved as before.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterator, Mapping

import yaml

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.yaml_errors import LOAD_ERRORS

_APPLYING = frozenset({"apply", "create", "update", "patch"})
_BLOCKS = ("try", "catch", "finally", "cleanup")
_EXPRESSION_RE = re.compile(r"\((?P<body>.*)\)", re.DOTALL)
_NAME_RE = re.compile(r"\$(?P<name>[A-Za-z_]\w*)")
_LITERAL_RE = re.compile(r"'(?P<text>[^'\\]*)'")
_JOIN_RE = re.compile(r"join\(\s*'(?P<separator>[^'\\]*)'\s*,\s*\[(?P<items>.*)\]\s*\)", re.DOTALL)
_MARK = "chainsaw.kyverno.io/"
UNKNOWN = (
    "a Chainsaw template expression whose bindings are known only when the test runs (an environment variable, "
    "`--values`, a script's output, `env(...)`)"
)

Values = Mapping[str, str | None]


def _items(text: str) -> Iterator[str]:
    """The top-level comma-separated items of a JMESPath list's body (a comma in brackets or a quoted literal is
    not one)."""
    depth, start, quoted = 0, 0, False
    for at, char in enumerate(text):
        quoted = quoted != (char == "'")
        depth += 0 if quoted else int(char in "([") - int(char in ")]")
        if char == "," and depth == 0 and not quoted:
            yield text[start:at].strip()
            start = at + 1
    yield text[start:].strip()


def _evaluate(body: str, values: Values) -> str | None:
    """The value of a JMESPath expression of the forms read (see the module); None for any other, or a binding
    without a known value."""
    body = body.strip()
    if (name := _NAME_RE.fullmatch(body)) is not None:
        return values.get(name["name"])
    if (literal := _LITERAL_RE.fullmatch(body)) is not None:
        return literal["text"]
    if (join := _JOIN_RE.fullmatch(body)) is not None:
        parts = [_evaluate(item, values) for item in _items(join["items"])]
        return None if any(part is None for part in parts) else join["separator"].join(parts)  # type: ignore[arg-type]
    return None


def template_value(text: str, values: Values) -> str | None:
    """The value of a templated string (`($APP_IMAGE)`) with `values`; None when it is no expression of the forms
    read or a binding it uses has no known value."""
    expression = _EXPRESSION_RE.fullmatch(text.strip())
    return _evaluate(expression["body"], values) if expression else None


def _bound(bindings: object, values: dict[str, str | None]) -> dict[str, str | None]:
    """`values` with a `bindings` list's names added, in order, each seeing those before it."""
    values = dict(values)
    for binding in bindings if isinstance(bindings, list) else ():
        name = binding.get("name") if isinstance(binding, dict) else None
        if not isinstance(name, str):
            continue
        value = binding.get("value")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            values[name] = None
        elif isinstance(value, str) and _EXPRESSION_RE.fullmatch(value.strip()):
            values[name] = template_value(value, values)
        else:
            values[name] = str(value)
    return values


def _rendered(*levels: object) -> bool:
    """Whether templating is on for an operation, given the test's spec, the step and the operation (innermost
    last): the innermost `template:` set decides, on by default."""
    chosen = True
    for level in levels:
        template = level.get("template") if isinstance(level, dict) else None
        chosen = template if isinstance(template, bool) else chosen
    return chosen


def _applying(spec: dict[object, object]) -> Iterator[tuple[dict[object, object], dict[object, object]]]:
    """(step, operation body) of each operation of a test's spec that applies a file."""
    steps = spec.get("steps")
    for step in steps if isinstance(steps, list) else ():
        for block in (step.get(name) for name in _BLOCKS) if isinstance(step, dict) else ():
            for operation in block if isinstance(block, list) else ():
                for verb, body in operation.items() if isinstance(operation, dict) else ():
                    if verb in _APPLYING and isinstance(body, dict):
                        yield step, body


def applied_values(texts: Mapping[str, str]) -> dict[str, list[dict[str, str | None]]]:
    """The bindings each file applied by the Chainsaw tests among `texts` (name shown -> text) is rendered with,
    once per operation applying it, by the file's name shown."""
    applied: dict[str, list[dict[str, str | None]]] = {}
    for shown, text in texts.items():
        if _MARK not in text or "kind: Test" not in text:
            continue
        try:
            documents = list(yaml.safe_load_all(text))
        except LOAD_ERRORS:
            continue
        for test in documents:
            spec = test.get("spec") if isinstance(test, dict) and test.get("kind") == "Test" else None
            for step, body in _applying(spec) if isinstance(spec, dict) else ():
                file = body.get("file")
                if not isinstance(file, str) or file.startswith("(") or not _rendered(spec, step, body):
                    continue
                values = _bound(step.get("bindings"), _bound(spec.get("bindings"), {}))  # type: ignore[union-attr]
                named = posixpath.normpath(posixpath.join(posixpath.dirname(shown), file.strip()))
                applied.setdefault(named, []).append(_bound(body.get("bindings"), values))
    return applied


def chainsaw_bound(found: list[Found], texts: Mapping[str, str]) -> list[Found]:
    """`found` with each image written as a Chainsaw template expression in a file a test applies replaced by the
    values the operations applying it give it (see the module)."""
    if not any(_MARK in text for text in texts.values()):
        return found
    applied = applied_values(texts)
    bound: list[Found] = []
    for item in found:
        renderings = applied.get(item.origin) if _EXPRESSION_RE.fullmatch(item.text) else None
        if not renderings:
            bound.append(item)
            continue
        values = {template_value(item.text, each) for each in renderings}
        known = sorted(value for value in values if value)
        bound += [dataclasses.replace(item, text=value, problem=None) for value in known]
        bound += [dataclasses.replace(item, problem=f"`{item.text}`: {UNKNOWN}")] if None in values else []
    return bound
