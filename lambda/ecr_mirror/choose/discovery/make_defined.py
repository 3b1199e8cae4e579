"""A makefile's `ifdef NAME` / `ifndef NAME` blocks decided by the values a caller's environment gives (pure).

`ifdef CI` / `ifndef PUBLISH` / `override IMAGE_VERSION := e2e-$(GIT_COMMIT)` / `endif` / `endif`: a CI step that
exports `PUBLISH=true` before `make container-build` makes `ifndef PUBLISH` false, so the override is not read and
the image tag keeps the `IMAGE_VERSION` the step exports. make takes a variable with a non-empty value as defined,
an environment variable too (https://www.gnu.org/software/make/manual/html_node/Conditional-Syntax.html);
`with_defined` blanks the lines of the branches the given names decide against (line numbers kept), and keeps every
other branch: a name not given, or any other conditional (`ifeq`), is decided only when make runs.
"""

from __future__ import annotations

import re

_DEFINED_RE = re.compile(r"^ *(?:else[ \t]+)?(?P<test>ifdef|ifndef)[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*(?:#.*)?$")
_IF_RE = re.compile(r"^ *(?:ifeq|ifneq|ifdef|ifndef)\b")
_ELSE_RE = re.compile(r"^ *else\b")
_ENDIF_RE = re.compile(r"^ *endif\b")


def with_defined(text: str, given: dict[str, str]) -> str:
    """`text` with the branches the names `given` (non-empty ones are defined) decide against blanked."""
    if "ifdef" not in text and "ifndef" not in text:
        return text
    defined = {name for name, value in given.items() if value}
    frames: list[tuple[bool | None, bool | None]] = []  # (this branch is read, an earlier branch of it was)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("\t"):
            if any(read is False for read, _ in frames):
                lines[index] = ""
            continue
        test = _DEFINED_RE.match(line)
        decided = (
            None
            if test is None or test["name"] not in given
            else (test["name"] in defined) == (test["test"] == "ifdef")
        )
        if _ELSE_RE.match(line) and frames:
            _, earlier = frames.pop()
            if earlier is True:
                read: bool | None = False
            elif re.match(r"^ *else[ \t]*(?:#.*)?$", line):
                read = None if earlier is None else True
            else:
                read = decided if earlier is False else None
            frames.append((read, True if earlier or read else (None if read is None or earlier is None else False)))
        elif _IF_RE.match(line):
            frames.append((decided, decided))
        elif _ENDIF_RE.match(line) and frames:
            frames.pop()
        elif any(read is False for read, _ in frames):
            lines[index] = ""
    return "\n".join(lines)
