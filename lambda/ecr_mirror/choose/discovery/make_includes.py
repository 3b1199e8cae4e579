"""Makefiles split in files they include: make reads a Makefile and what it includes as one program (pure).

`include Makefile.vars.mk`, `-include e2e/kind.mk` and `sinclude x.mk` (GNU make's "Including Other Makefiles",
https://www.gnu.org/software/make/manual/html_node/Include.html) read the named files where the directive stands, so a
variable `Makefile.vars.mk` sets (`KIND_NODE_VERSION ?= v1.33.4`) is known in the recipes of `e2e/kind.mk`
(`--image kindest/node:$(KIND_NODE_VERSION)`). The names are taken from the directory of the Makefile make runs (its
working directory, the includes of included files too); a name with a variable or a wildcard is not followed. Of the
other files of a program, only their variable assignments outside recipes are given to each.
"""

from __future__ import annotations

import posixpath
import re

MAX_INCLUDED = 50  # files followed per Makefile
_INCLUDE_RE = re.compile(r"^[ ]*(?:-|s)?include[ \t]+([^#\n]+)", re.MULTILINE)
_ASSIGNMENT_RE = re.compile(
    r"^(?:(?:export|override)[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*(?::::=|::=|:=|\?=|\+=|=)[^\n]*$", re.MULTILINE
)


def included(text: str) -> list[str]:
    """The literal file names `text`'s include directives name, in order."""
    names: list[str] = []
    for match in _INCLUDE_RE.finditer(text):
        names += [word for word in match.group(1).split() if not any(mark in word for mark in "$*?[")]
    return names


def assignments(text: str) -> str:
    """The lines of `text` that set a variable, outside recipes (which start with a tab)."""
    return "\n".join(match.group(0) for match in _ASSIGNMENT_RE.finditer(text))


def _program(top: str, makefiles: dict[str, str]) -> list[str]:
    """`top` and the files it includes (recursively) among `makefiles`, names relative to `top`'s directory."""
    directory = posixpath.dirname(top)
    members = [top]
    for name in members:
        for written in included(makefiles[name]):
            member = posixpath.normpath(posixpath.join(directory, written))
            if member in makefiles and member not in members and len(members) < MAX_INCLUDED:
                members.append(member)
    return members


def program_values(makefiles: dict[str, str]) -> dict[str, str]:
    """For each of `makefiles` (normalised name -> text) that a Makefile includes or that includes one, the
    assignment lines of the other files of the programs it belongs to."""
    values: dict[str, list[str]] = {}
    for top, text in makefiles.items():
        if not included(text):
            continue
        members = _program(top, makefiles)
        for member in members if len(members) > 1 else ():
            values.setdefault(member, []).extend(assignments(makefiles[other]) for other in members if other != member)
    return {name: "\n".join(lines) for name, lines in values.items()}
