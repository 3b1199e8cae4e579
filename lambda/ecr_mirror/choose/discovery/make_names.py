"""make's variable names beyond the shell's (pure): a name with `-` or `.` (`BASE_IMAGE_controller-linux-amd64`,
which make allows, https://www.gnu.org/software/make/manual/html_node/Using-Variables.html), and computed names, a
reference inside a reference's name (`$($(BASE))`, `$($(BASE_IMAGE_TYPE)_BASE_IMAGE_amd64)`: the inner one is
expanded first, its value naming the outer one, https://www.gnu.org/software/make/manual/html_node/Computed-Names.html).
make reads `${...}` as `$(...)` (https://www.gnu.org/software/make/manual/html_node/Reference.html): containerd's test
image Makefiles pick a base with `BASE.linux := ${BASE.linux.${ARCH}}` and `BASE := ${BASE.${OS}}`; in braces a name
may hold `.` but not `-` (`${NAME-default}` is the shell's default, and `${a.b}` no shell name).
A name with `-` or `.` is read as assigned only with make's own operators (`:=`, `::=`, `:::=`, `?=`), which no
shell assignment has, and a `$(name-with-dash)` of no such name stays a shell command substitution. make allows `/`
in a name too (any characters but `:`, `#`, `=` and blanks): a name with `/` is read as assigned with `=` as well
(the shell reads `tools/k3d = ...` as no assignment, but as a command: not met in scripts), and a `$(tools/k3d)` of
no such name stays as written."""

from __future__ import annotations

import re
from collections.abc import Callable

# a make name with `-` or `.`, as assigned (the lookahead: one of make's own assignment operators after it); or with
# `/`, which no shell assignment has, assigned with `=` too (Emissary's `tools/k3d = $(tools.bindir)/k3d`)
MAKE_NAME = r"[A-Za-z_][\w.-]*(?:(?=[ \t]*(?::{1,3}=|\?=))|(?:/[\w.-]+)+(?=[ \t]*(?::{0,3}=|\?=)))"
# `$(PREFIX$(INNER)SUFFIX)`, the inner reference with `$(...)` or `${...}`; the outer one in braces too, without `-`
_COMPUTED_RE = re.compile(
    r"\$(?:\(([\w.-]*)\$[({]([A-Za-z_][\w.-]*)[)}]([\w.-]*)\)|\{([\w.]*)\$[({]([A-Za-z_][\w.]*)[)}]([\w.]*)\})"
)
_DEPTH = 8


def with_computed_names(text: str, value: Callable[[str], str]) -> str:
    """`text` with each computed name's inner references replaced by their `value`, innermost first, so that the
    outer reference names a variable (`$($(BASE))` -> `$(BASE_IMAGE_controller-linux-amd64)`)."""
    for _ in range(_DEPTH):
        text, count = _COMPUTED_RE.subn(lambda m: _named(m, value), text)
        if not count:
            break
    return text


def _named(match: re.Match[str], value: Callable[[str], str]) -> str:
    """The outer reference of a computed name with its inner one replaced by its value, in the brackets written."""
    if match.group(2) is not None:
        return f"$({match.group(1)}{value(match.group(2))}{match.group(3)})"
    return f"${{{match.group(4)}{value(match.group(5))}{match.group(6)}}}"
