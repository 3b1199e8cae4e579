"""A makefile's assignments continued over lines with a backslash, read as one line (pure).

Outside a recipe, make joins a line ending in `\\` with the next: the backslash-newline and the blanks around it are
one space (https://www.gnu.org/software/make/manual/html_node/Splitting-Lines.html). So tetragon's `ifneq
($(CHECKPATCH_DEBUG),)` / `CHECKPATCH_IMAGE_AND_ENTRY := \\` / `<TAB>--entrypoint /bin/bash $(CHECKPATCH_IMAGE) ...`
gives the variable the words of the second line, which its recipe's `docker container run ...
$(CHECKPATCH_IMAGE_AND_ENTRY)` runs. Only an assignment written as make writes it is joined: with a make operator
(`:=`, `::=`, `:::=`, `?=`) or a blank before its operator (`NAME = \\`, no shell assignment). A shell script's
`NAME=value \\` before a command on the next line is an environment prefix of that command, not a value continued,
and is not joined.
"""

from __future__ import annotations

import re

_MAKE_ASSIGN_RE = re.compile(
    r"^[ \t]*(?:(?:export|override)[ \t]+)?[A-Za-z_][\w.-]*(?:[ \t]*(?::{1,3}=|\?=)|[ \t]+(?:\+=|=))"
)


def joined_assignments(lines: list[str]) -> list[str]:
    """`lines` with each make assignment continued with `\\` joined onto its first line (one space for each
    backslash-newline and the blanks around it) and the lines it continues over left empty, so that every line
    keeps its number."""
    if not any(line.endswith("\\") for line in lines):
        return lines
    out = list(lines)
    index = 0
    while index < len(out):
        line = out[index].rstrip()
        if not line.endswith("\\") or _MAKE_ASSIGN_RE.match(line) is None:
            index += 1
            continue
        parts, end = [line[:-1].rstrip()], index + 1
        while end < len(out):
            following = out[end].rstrip()
            out[end] = ""
            end += 1
            if not following.endswith("\\"):
                parts.append(following.strip())
                break
            parts.append(following[:-1].strip())
        out[index] = " ".join(part for part in parts if part)
        index = end
    return out
