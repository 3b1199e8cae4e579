"""The branches of a makefile's conditionals, and the variables that take one value in each (pure).

`ifeq ($(KUBERNETES_VERSION), 1.35.4)` / `KIND_NODE_IMAGE=kindest/node:v1.35.0@sha256:...` / `else ifeq (...)` /
`KIND_NODE_IMAGE=...` / `endif`: make reads one branch of the chain, chosen by a value the developer or CI gives
(`KUBERNETES_VERSION ?= 1.35.4`, a CI matrix through the environment), so a command naming the variable pulls each
branch's value in some run. A conditional directive (`ifeq`, `ifneq`, `ifdef`, `ifndef`, `else`, `else ifeq ...`,
`endif`) is a line that does not start with a tab (one that does is a recipe line); an `else` or `endif` with no
directive open is not one (a shell script's `else`). A name is such a choice when every two of its different
values are assigned in two branches of one chain; a name assigned twice in a row, or at the top and again in a
branch, is not (which value a run gets depends on the order too). Names set in one chain are read together, each
branch's values with each other (`$(REPO):$(TAG)`, both set per branch, is never one branch's repository with
another's tag); a name assigned very often (hundreds of branches) is not read per branch.

An included makefile's assignments in branches are shared with the makefiles that include it inside their
conditional lines (`shared_lines`): indented with a tab or spaces, as such assignments are (a tab-led line is an
assignment there when no rule comes before it: GNU make reads it as a recipe line only in a rule's context).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Branch = tuple[tuple[int, int], ...]  # (conditional chain, branch of it) from the outermost one in

_IF_RE = re.compile(r"^ *(?:ifeq|ifneq|ifdef|ifndef)\b")
_ELSE_RE = re.compile(r"^ *else\b")
_ENDIF_RE = re.compile(r"^ *endif\b")
_ASSIGN_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?:export|override)[ \t]+)?(?P<name>[A-Za-z_]\w*(?:/[\w.-]+)*)"  # `tools/k3d`: make's
    r"[ \t]*(?::{1,3}=|\?=|=)[ \t]*\S+[ \t]*(?:#.*)?$"
)
_RULE_RE = re.compile(r"^[^\s#=][^=]*?:(?!=)")


def branches(text: str) -> list[Branch]:
    """The branch each line of `text` is in (`()` outside any conditional), one per line of `splitlines()`."""
    out: list[Branch] = []
    stack: list[tuple[int, int]] = []
    chains = 0
    for line in text.splitlines():
        if _IF_RE.match(line):
            out.append(tuple(stack))
            chains += 1
            stack.append((chains, 0))
        elif stack and _ELSE_RE.match(line):
            stack[-1] = (stack[-1][0], stack[-1][1] + 1)
            out.append(tuple(stack))
        elif stack and _ENDIF_RE.match(line):
            stack.pop()
            out.append(tuple(stack))
        else:
            out.append(tuple(stack))
    return out


def _apart(one: Branch, other: Branch) -> bool:
    """Whether two lines are in two branches of one conditional chain (never both read by one run)."""
    for (chain, branch), (other_chain, other_branch) in zip(one, other, strict=False):
        if (chain, branch) != (other_chain, other_branch):
            return chain == other_chain
    return False


def choices(assigned: dict[str, list[tuple[str, Branch]]], most: int) -> dict[str, dict[str, tuple[Branch, ...]]]:
    """The names whose values are one per branch of a chain: each value (in the order written) with the branches it
    is assigned in. A name assigned more than `most` times is left out (its values are not read each)."""
    out: dict[str, dict[str, tuple[Branch, ...]]] = {}
    for name, written in assigned.items():
        values: dict[str, tuple[Branch, ...]] = {}
        for value, branch in written:
            values[value] = (*values.get(value, ()), branch)
        if (
            1 < len(written) <= most
            and len(values) > 1
            and all(
                _apart(one, other)
                for index, (value, one) in enumerate(written)
                for other_value, other in written[index + 1 :]
                if value != other_value
            )
        ):
            out[name] = values
    return out


def together(one: Iterable[Branch], other: Iterable[Branch]) -> bool:
    """Whether a run of make may read an assignment in one of the branches `one` and one in `other` (two names set
    in the same branch, or in two conditionals: not in two branches of one chain)."""
    return any(not _apart(first, second) for first in one for second in other)


def shared_lines(text: str, skip: Iterable[str]) -> list[str]:
    """The one-word assignments of a makefile that the makefiles of its make run read: those at its top level (not
    in a recipe, not indented), and those in its conditionals' branches with the directive lines around them
    (conditionals holding none left out); names in `skip` (the reading makefile's own) left out."""
    own = set(skip)
    out: list[str] = []
    opened: list[tuple[int, bool]] = []  # (index in `out` of the directive opening it, whether it holds one)
    in_recipe = False
    for line in text.splitlines():
        if _IF_RE.match(line):
            opened.append((len(out), False))
            out.append(line)
        elif opened and _ELSE_RE.match(line):
            out.append(line)
        elif opened and _ENDIF_RE.match(line):
            start, holds = opened.pop()
            if holds:
                out.append(line)
                opened[-1:] = [(opened[-1][0], True)] if opened else []
            else:
                del out[start:]
        elif line.startswith("\t") and in_recipe:
            continue
        elif (match := _ASSIGN_RE.match(line)) is not None:
            in_recipe = False  # an assignment ends a rule's recipe
            if match["name"] in own or (match["indent"] and not opened):
                continue
            out.append(line)
            opened[-1:] = [(opened[-1][0], True)] if opened else []
        elif line.strip() and not line.lstrip().startswith("#") and not line.startswith("\t"):
            in_recipe = _RULE_RE.match(line) is not None
    return out


def assigned_names(text: str) -> set[str]:
    """The names a makefile assigns a one-word value, at its top level or in its conditionals' branches."""
    return {match["name"] for line in shared_lines(text, ()) if (match := _ASSIGN_RE.match(line)) is not None}


_OR_SELF_RE = re.compile(r"\$\(or\s+((?:\$[({](?P<name>\w+)[)}]\s*,\s*)(?:\$[({](?P=name)[)}]\s*,\s*)*)([^$,()]*)\)")


def or_default(name: str, value: str) -> str:
    """A make value `$(or $(NAME),$(NAME),x)` given to NAME itself (the command line's or the environment's value,
    else x: GNU make's `or` is its first non-empty argument) written as the default form `${NAME:-x}`; any other
    value as it is."""
    if "$(or" not in value:
        return value
    match = _OR_SELF_RE.fullmatch(value.strip())
    if match is None or match.group("name") != name or not match.group(3).strip():
        return value
    return f"${{{name}:-{match.group(3).strip()}}}"
