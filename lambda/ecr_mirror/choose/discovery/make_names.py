"""make's variable names beyond the shell's (pure): a name with `-` or `.` (`BASE_IMAGE_controller-linux-amd64`,
which make allows, https://www.gnu.org/software/make/manual/html_node/Using-Variables.html), and computed names, a
reference inside a reference's name (`$($(BASE))`, `$($(BASE_IMAGE_TYPE)_BASE_IMAGE_amd64)`: the inner one is
expanded first, its value naming the outer one, https://www.gnu.org/software/make/manual/html_node/Computed-Names.html).
A name with `-` or `.` is read as assigned only with make's own operators (`:=`, `::=`, `:::=`, `?=`), which no
shell assignment has, and a `$(name-with-dash)` of no such name stays a shell command substitution."""

from __future__ import annotations

import re
from collections.abc import Callable

# a make name with `-` or `.`, as assigned (the lookahead: one of make's own assignment operators after it)
MAKE_NAME = r"[A-Za-z_][\w.-]*(?=[ \t]*(?::{1,3}=|\?=))"
# `$(PREFIX$(INNER)SUFFIX)`, the inner reference with `$(...)` or `${...}`
_COMPUTED_RE = re.compile(r"\$\(([\w.-]*)\$[({]([A-Za-z_][\w.-]*)[)}]([\w.-]*)\)")
_DEPTH = 8


def with_computed_names(text: str, value: Callable[[str], str]) -> str:
    """`text` with each computed name's inner references replaced by their `value`, innermost first, so that the
    outer reference names a variable (`$($(BASE))` -> `$(BASE_IMAGE_controller-linux-amd64)`)."""
    for _ in range(_DEPTH):
        text, count = _COMPUTED_RE.subn(lambda m: f"$({m.group(1)}{value(m.group(2))}{m.group(3)})", text)
        if not count:
            break
    return text
