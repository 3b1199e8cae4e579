"""A Jinja template's text made readable as the file it renders (pure): every branch kept, the expressions it can
know substituted, the others left as holes to report.

Lines holding only statements (`{% if x %}`, `{% endif %}`, `{%- for ... %}`) or comments (`{# ... #}`) are blanked,
so every branch of an `if` is read and lines keep their numbers. `{{ expr }}` is replaced by its value when `expr` is
a name (`grafana_tag`, `versions.app`, `versions['app']`) or a quoted string, with the filters `default(...)` (`d`),
`lower`, `upper`, `trim` and `string`, an if expression on a name whose value is a boolean (`'localhost/' if
x_self_build else x_prefix`: the branch it takes) or on a name compared with a string (`'latest' if x_version ==
'latest' else ('release-' + x_version)`), a join of those with `~` or `+` (strings only), in parentheses too; a
value that is itself a template is rendered the same way.
Anything else (an undefined name, a name with two values, `a + 1`, another filter, a statement inside a line)
becomes a hole: a placeholder in the text, mapped to the expression as written and why it is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_DEPTH = 8
_COMMENT_RE = re.compile(r"\{#.*?#\}", re.DOTALL)
_STATEMENT_RE = re.compile(r"\{%.*?%\}")
_EXPRESSION_RE = re.compile(r"\{\{-?(.*?)-?\}\}")
_PATH_RE = re.compile(r"^([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*|\[\s*(?:'[^']*'|\"[^\"]*\"|\d+)\s*\])*)$")
_STEP_RE = re.compile(r"\.([A-Za-z_]\w*)|\[\s*(?:'([^']*)'|\"([^\"]*)\"|(\d+))\s*\]")
# `A if [not] NAME [| bool] [else B]`: the condition a name (checked against _PATH_RE), each branch an expression;
# the blanks before `if` are tried from a run's first only (each from every blank of a run: quadratic in its length)
_IF_RE = re.compile(
    r"^(?P<then>.+?)(?<!\s)\s+if\s+(?P<negated>not\s+)?(?P<condition>\S+?)(?:\s*\|\s*bool)?(?:\s+else\s+(?P<otherwise>.+))?$",
    re.DOTALL,
)
_STRING_RE = re.compile(r"^(?:'([^']*)'|\"([^\"]*)\")$")
# `A if NAME == 'x' else B` (`!=` too): a name compared with a string, the way a role picks a tag
_COMPARED_IF_RE = re.compile(
    r"^(?P<then>.+?)(?<!\s)\s+if\s+(?P<left>[A-Za-z_][\w.\[\]'\"]*?)\s*(?P<op>==|!=)\s*(?P<right>'[^']*'|\"[^\"]*\")"
    r"\s+else\s+(?P<otherwise>.+)$",
    re.DOTALL,
)
_FILTER_RE = re.compile(r"^([A-Za-z_]\w*)\s*(?:\((.*)\))?$", re.DOTALL)
_SIMPLE_FILTERS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "trim": str.strip,
    "string": str,
}
_UNDEFINED = object()
UNSET = "has no value in the defaults or vars beside the template (the play may set it)"


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A name given different values by files of the same precedence (`vars/Debian.yml`, `vars/RedHat.yml`)."""

    why: str


class _Unknown(Exception):
    pass


def _split_filters(expression: str) -> list[str]:
    """`a | default('x|y') | lower` -> ["a", "default('x|y')", "lower"]: `|` outside quotes and brackets."""
    return split_top(expression, "|")


def _base(written: str, values: Mapping[str, object]) -> object:
    if literal := _STRING_RE.match(written):
        return literal.group(1) if literal.group(1) is not None else literal.group(2)
    path = _PATH_RE.match(written)
    if path is None:
        raise _Unknown(f"`{written}` is an expression this reader does not evaluate")
    value = values.get(path.group(1), _UNDEFINED)
    for step in _STEP_RE.finditer(path.group(2)):
        key = next(group for group in step.groups() if group is not None)
        if isinstance(value, Ambiguous) or value is _UNDEFINED:
            break
        if isinstance(value, Mapping):
            value = value.get(key, _UNDEFINED)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            value = _UNDEFINED
    return value


def _filtered(value: object, written: str, name: str) -> object:
    match = _FILTER_RE.match(written)
    if match and match.group(1) in ("default", "d") and match.group(2) is not None:
        fallback, *flags = [part.strip() for part in match.group(2).split(",")] if match.group(2).strip() else [""]
        literal = _STRING_RE.match(fallback)
        empty_too = bool(flags) and flags[0].lower() == "true"
        if value is _UNDEFINED or (empty_too and value in ("", None)):
            if literal is None:
                raise _Unknown(f"the default `{fallback}` of {name} is not a quoted string")
            return literal.group(1) if literal.group(1) is not None else literal.group(2)
        return value
    if match and match.group(1) in _SIMPLE_FILTERS and match.group(2) is None:
        return _SIMPLE_FILTERS[match.group(1)](value) if isinstance(value, str) else value
    raise _Unknown(f"the filter `{written}` is not one this reader applies")


def _condition(written: str, values: Mapping[str, object], unset: str) -> bool:
    """The truth of an if expression's condition: a name whose value is a boolean (or none, false)."""
    value = _base(written, values)
    if isinstance(value, Ambiguous):
        raise _Unknown(value.why)
    if value is _UNDEFINED:
        raise _Unknown(f"{written} {unset}")
    if value is not None and not isinstance(value, bool):
        raise _Unknown(f"{written} is not a boolean")
    return bool(value)


def split_top(expression: str, operators: str) -> list[str]:
    """`expression`'s parts between the `operators` outside quotes and brackets (`'release-' + x_version`)."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char in operators and depth == 0:
            parts.append(expression[start:index].strip())
            start = index + 1
    return [*parts, expression[start:].strip()]


def _unwrapped(expression: str) -> str:
    """`(a + 'b')` -> `a + 'b'`: the parentheses around the whole expression, when they are one pair."""
    while (
        expression.startswith("(")
        and expression.endswith(")")
        and split_top(expression[1:-1], ")") == [expression[1:-1].strip()]
    ):
        expression = expression[1:-1].strip()
    return expression


def _joined(parts: list[str], plus: bool, values: Mapping[str, object], depth: int, unset: str) -> str:
    """Jinja's `~` (each part made a string) and `+` (strings only: a number and a string do not add), part by part
    (https://jinja.palletsprojects.com/en/stable/templates/#other-operators, #math)."""
    for part in parts if plus else ():
        base = _split_filters(part)[0]
        value = None if _STRING_RE.match(base) else _base(base, values)
        if value is not None and value is not _UNDEFINED and not isinstance(value, str | Ambiguous):
            raise _Unknown(f"`{' + '.join(parts)}` is an expression this reader does not evaluate")
    return "".join(_value(part, values, depth, unset) for part in parts)


def _value(expression: str, values: Mapping[str, object], depth: int, unset: str) -> str:
    expression = _unwrapped(expression.strip())
    if (compared := _COMPARED_IF_RE.match(expression)) and _PATH_RE.match(compared["left"]):
        left = _value(compared["left"], values, depth, unset)
        right = _base(compared["right"], values)
        taken = (left == right) == (compared["op"] == "==")
        return _value(compared["then"] if taken else compared["otherwise"], values, depth, unset)
    if (branch := _IF_RE.match(expression)) and _PATH_RE.match(branch["condition"]):
        # Jinja's `A if COND else B` (https://jinja.palletsprojects.com/en/stable/templates/#if-expression): an
        # Ansible role's `'localhost/' if x_self_build else x_registry_prefix_upstream`; no `else` renders nothing
        taken = _condition(branch["condition"], values, unset) != bool(branch["negated"])
        chosen = branch["then"] if taken else branch["otherwise"]
        return "" if chosen is None else _value(chosen, values, depth, unset)
    for operators in ("~", "+"):
        if len(parts := split_top(expression, operators)) > 1 and all(parts):
            return _joined(parts, operators == "+", values, depth, unset)
    base, *filters = _split_filters(expression.strip())
    name = base.split(".")[0].split("[")[0]
    value = _base(base, values)
    for written in filters:
        if isinstance(value, Ambiguous):
            break
        value = _filtered(value, written, name)
    if isinstance(value, Ambiguous):
        raise _Unknown(value.why)
    if value is _UNDEFINED:
        raise _Unknown(f"{base} {unset}")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Unknown(f"{base} is not a string")
    text = str(value)
    if "{{" in text or "{%" in text:
        if depth >= MAX_DEPTH:
            raise _Unknown(f"{base}: values that name values too deeply")
        text, holes = _render(text, values, depth + 1, unset)
        if holes:
            raise _Unknown("; ".join(why for _, why in holes.values()))
    return text


def _render(
    text: str, values: Mapping[str, object], depth: int, unset: str = UNSET
) -> tuple[str, dict[str, tuple[str, str]]]:
    holes: dict[str, tuple[str, str]] = {}

    def hole(written: str, why: str) -> str:
        placeholder = f"jinjahole{len(holes)}x{depth}z"
        holes[placeholder] = (written, why)
        return placeholder

    def substitute(match: re.Match[str]) -> str:
        try:
            return _value(match.group(1), values, depth, unset)
        except _Unknown as exc:
            return hole(match.group(), f"`{match.group()}`: {exc}")

    text = _STATEMENT_RE.sub(lambda m: hole(m.group(), f"`{m.group()}`: a Jinja statement inside a value"), text)
    return _EXPRESSION_RE.sub(substitute, text), holes


def _blank_statements(text: str) -> str:
    text = _COMMENT_RE.sub(lambda m: "\n" * m.group().count("\n"), text)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "{%" in line and not _STATEMENT_RE.sub("", line).strip():
            lines[index] = ""
    return "\n".join(lines)


def untemplated(text: str, values: Mapping[str, object], unset: str = UNSET) -> tuple[str, dict[str, tuple[str, str]]]:
    """The text with statement lines blanked and known expressions substituted, and its holes: placeholder ->
    (the expression as written, why it is unknown). A line that is only an unknown expression (`{{ extra_services |
    to_nice_yaml }}`) is blanked too: what it adds is not known, and the rest stays readable. `unset` says why a
    name without a value has none."""
    rendered, holes = _render(_blank_statements(text), values, 0, unset)
    lines = rendered.split("\n")
    for index, line in enumerate(lines):
        if line.strip() in holes:
            del holes[line.strip()]
            lines[index] = ""
    return "\n".join(lines), holes


def rendered(text: str, values: Mapping[str, object]) -> tuple[str, list[str]]:
    """One value (an image string, not a file): its expressions substituted, or put back as written with the
    reasons they are unknown."""
    out, holes = _render(text, values, 0)
    return restored(out, holes)


def restored(text: str, holes: Mapping[str, tuple[str, str]]) -> tuple[str, list[str]]:
    """`text` with its placeholders put back as written, and the reasons of those it held."""
    reasons: list[str] = []
    for placeholder, (written, why) in holes.items():
        if placeholder in text:
            text = text.replace(placeholder, written)
            reasons.append(why)
    return text, reasons
