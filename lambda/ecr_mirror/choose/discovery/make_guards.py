"""The lines of a makefile where a variable cannot hold the one value the file gives it (pure).

GNU make reads the lines of `ifneq (A,B)` only when A and B differ, and those after the `else` of `ifeq (A,B)`
only when they do (https://www.gnu.org/software/make/manual/html_node/Conditional-Syntax.html; also written
`ifneq "A" "B"` or with single quotes). With A a variable, `$(TAG)` or `${TAG}`, and B a literal equal to the one
value the file gives TAG (`TAG ?= latest`, `ifneq ($(TAG), latest)`), those lines run only when the command line
or the environment gives TAG another value: there TAG's file value is not its value (kuberay's apiserver Makefile
pulls `quay.io/kuberay/operator:$(OPERATOR_IMAGE_TAG)` only when the tag is not the default `latest`, which it
kind-loads as built). An `else ifeq ...` branch, a condition of two variables or of other text, and a variable
with no value or several in the file add nothing.
"""

from __future__ import annotations

import re

_DIRECTIVE_RE = re.compile(
    r"^ *(?P<how>ifeq|ifneq)[ \t]+(?:\((?P<a>[^,()]*(?:\([^()]*\)[^,()]*)*),(?P<b>[^()]*)\)"
    r"|(?P<q>[\"'])(?P<qa>[^\"']*)(?P=q)[ \t]+(?P<r>[\"'])(?P<qb>[^\"']*)(?P=r))[ \t]*(?:#.*)?$"
)
_OTHER_IF_RE = re.compile(r"^ *(?:ifeq|ifneq|ifdef|ifndef)\b")
_ELSE_RE = re.compile(r"^ *else\b(?P<rest>.*)$")
_ENDIF_RE = re.compile(r"^ *endif\b")
_VARIABLE_RE = re.compile(r"^\$(?:\((?P<paren>[A-Za-z_][\w.-]*)\)|\{(?P<brace>[A-Za-z_][\w.-]*)\})$")


def _guard(line: str, values: dict[str, set[str]]) -> tuple[str, bool] | None:
    """(the name, whether the `if` branch is the one where it differs) of a directive comparing a variable with the
    one literal value the file gives it; None for another line."""
    match = _DIRECTIVE_RE.match(line)
    if match is None:
        return None
    a, b = (match["a"], match["b"]) if match["a"] is not None else (match["qa"], match["qb"])
    a, b = a.strip(), b.strip()
    for side, other in ((a, b), (b, a)):
        variable = _VARIABLE_RE.match(side)
        name = variable and (variable["paren"] or variable["brace"])
        if name and "$" not in other and values.get(name) == {other}:
            return name, match["how"] == "ifneq"
    return None


def guarded_lines(text: str, values: dict[str, set[str]]) -> dict[int, frozenset[str]]:
    """Line (from 1) -> the names that cannot hold their file value (`values`, ShellValues.values) on that line."""
    if "ifeq" not in text and "ifneq" not in text:
        return {}
    out: dict[int, frozenset[str]] = {}
    stack: list[tuple[tuple[str, bool] | None, int]] = []  # (guard, branch) of each open conditional
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t"):
            pass
        elif _OTHER_IF_RE.match(line):
            stack.append((_guard(line, values), 0))
            continue
        elif stack and (other := _ELSE_RE.match(line)) is not None:
            guard, branch = stack[-1]
            stack[-1] = (guard if not other["rest"].strip() else None, branch + 1)  # `else ifeq ...`: not read
            continue
        elif stack and _ENDIF_RE.match(line):
            stack.pop()
            continue
        names = frozenset(
            guard[0] for guard, branch in stack if guard is not None and (branch == 0) == guard[1] and branch < 2
        )
        if names:
            out[number] = names
    return out
