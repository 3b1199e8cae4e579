"""A justfile's recipes with their `{{ ... }}` interpolations rendered as just renders them (pure).

https://just.systems/man/en/: a recipe's lines are shell commands after just replaces each `{{ expression }}`.
A bare name takes the value of the enclosing recipe's parameter default (`docs VERSION='2.4.0':`, the value `just
docs` runs with; a parameter shadows a variable) or of a top-level assignment of a string literal (`[export] NAME :=
"v"`, `'v'`). Any other interpolation (a function call such as `justfile_directory()`, a parameter without a default,
a name assigned an expression) is known only when the recipe runs: it is written as one word, `{{expression}}` with
its spaces and punctuation made `_`, so the command's other words keep their places and an image holding it is
unresolved. Lines keep their numbers.
"""

from __future__ import annotations

import re

_INTERPOLATION_RE = re.compile(r"\{\{(?!\{)(.*?)\}\}")
_NAME_RE = re.compile(r"[A-Za-z_][\w-]*")
_STRING = r"""(?:'(?P<single>[^'\n]*)'|"(?P<double>[^"\\\n]*)")"""
_ASSIGNMENT_RE = re.compile(rf"^(?:export[ \t]+)?(?P<name>[A-Za-z_][\w-]*)[ \t]*:=[ \t]*{_STRING}[ \t]*(?:#.*)?$")
_ANY_ASSIGNMENT_RE = re.compile(r"^(?:export[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:=")
# a recipe's header: `name PARAM='default' +REST:` then its dependencies; `:=` is an assignment, not a header
_HEADER_RE = re.compile(r"^@?(?P<name>[A-Za-z_][\w-]*)(?P<parameters>(?:[ \t]+[^:\n]*?)?)[ \t]*:(?!=)")
_PARAMETER_RE = re.compile(rf"[+*]?\$?(?P<name>[A-Za-z_][\w-]*)(?:=(?:{_STRING}|(?P<other>\S+)))?")


def _variables(lines: list[str]) -> dict[str, str]:
    """The top-level names assigned one string literal (a name assigned twice, or an expression, has none)."""
    values: dict[str, str] = {}
    assigned: dict[str, int] = {}
    for line in lines:
        if (any_match := _ANY_ASSIGNMENT_RE.match(line)) is None:
            continue
        assigned[any_match.group(1)] = assigned.get(any_match.group(1), 0) + 1
        if (match := _ASSIGNMENT_RE.match(line)) is not None:
            values[match["name"]] = match["single"] if match["single"] is not None else match["double"]
    return {name: value for name, value in values.items() if assigned[name] == 1}


def _parameters(header: re.Match[str]) -> dict[str, str | None]:
    """A recipe's parameters: the literal default of each, None for one without (or with another expression)."""
    out: dict[str, str | None] = {}
    for match in _PARAMETER_RE.finditer(header["parameters"]):
        literal = match["single"] if match["single"] is not None else match["double"]
        out[match["name"]] = literal
    return out


def _rendered(line: str, known: dict[str, str | None]) -> str:
    def one(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if _NAME_RE.fullmatch(expression) and (value := known.get(expression)) is not None:
            return value
        return "{{" + (re.sub(r"[^\w.-]+", "_", expression).strip("_") or "_") + "}}"

    # only up to the last `}}`: a `{{` after it closes nowhere (read so, a line of many unclosed `{{` stays linear)
    end = line.rfind("}}") + 2
    return _INTERPOLATION_RE.sub(one, line[:end]) + line[end:] if end >= 2 else line


def justfile_lines(text: str) -> str:
    """`text` with the interpolations of its recipe lines rendered (see the module)."""
    if "{{" not in text:
        return text
    lines = text.split("\n")
    variables = _variables(lines)
    known: dict[str, str | None] = dict(variables)
    for index, line in enumerate(lines):
        if line[:1] not in (" ", "\t"):
            header = _HEADER_RE.match(line) if line.strip() and not line.startswith("#") else None
            if header is not None:
                known = {**variables, **_parameters(header)}
            elif line.strip() and not line.startswith("#"):
                known = dict(variables)
            continue
        if "{{" in line:
            lines[index] = _rendered(line, known)
    return "\n".join(lines)
