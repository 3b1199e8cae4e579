"""A Taskfile's text as Task runs it, for the command readers (pure): lines kept in place.

- A task's `summary:` and `desc:` (also `label:`, `prompt:`) are text `task --summary`, `task --list` and the
  prompt print (https://taskfile.dev/docs/reference/schema#task), not commands: their values are blanked
  (redpanda-operator's summary "executes docker run of a NIX container" is no `docker run`).
- A command that is a template conditional, `{{if eq ARCH "amd64"}} docker run ... {{else}} echo "" {{end}}` (Go's
  `if`/`else if`/`else`/`end` actions, https://pkg.go.dev/text/template#hdr-Actions, over Task's `ARCH`, `OS` or a
  var), runs one branch, which one depending on the machine or the values: each branch is read as a command of its
  own (redpanda-operator's `docker run --rm --privileged linuxkit/binfmt:v0.8` on amd64).
"""

from __future__ import annotations

import re

_PROSE_RE = re.compile(r"^(?P<indent>[ \t]+)(?P<key>summary|desc|label|prompt):[ \t]*(?P<value>.*)$")
_BLOCK_RE = re.compile(r"^[|>][-+0-9]*[ \t]*(?:#.*)?$")
# a command (a line's YAML scalar, after `- `, `cmd:` and a quote) that starts with `{{if`
_CONDITIONAL_RE = re.compile(r"""^\s*(?:-\s+)?(?:cmd:\s*)?['"]?\{\{-?\s*if\b""")
_BRANCH_RE = re.compile(r"\{\{-?\s*(?P<action>if|else\s+if|else|end)\b(?:[^{}]|\{(?!\{)|\}(?!\}))*-?\}\}")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _without_prose(lines: list[str]) -> None:
    number = 0
    while number < len(lines):
        prose = _PROSE_RE.match(lines[number])
        number += 1
        if prose is None or not prose["value"].strip():
            continue
        if not _BLOCK_RE.match(prose["value"].strip()):
            lines[number - 1] = f"{prose['indent']}{prose['key']}: ''"
            continue
        width = len(prose["indent"])
        while number < len(lines) and (
            not lines[number].strip() or len(lines[number]) - len(lines[number].lstrip()) > width
        ):
            lines[number] = ""
            number += 1


def _with_branches(lines: list[str]) -> None:
    for number, line in enumerate(lines):
        actions = [match["action"] for match in _BRANCH_RE.finditer(line)]
        if _CONDITIONAL_RE.match(line) and actions[-1:] == ["end"] and actions.count("if") == 1:  # one, on its line
            lines[number] = _BRANCH_RE.sub(lambda m: " ; " if m["action"].startswith("else") else " ", line)


def taskfile_commands(text: str) -> str:
    """The Taskfile `text` with its prose blanked and each conditional command written as its branches (`A ; B`)."""
    if not any(mark in text for mark in ("{{", "summary:", "desc:", "label:", "prompt:")):
        return text
    lines = text.split("\n")
    _without_prose(lines)
    if "{{" in text:
        _with_branches(lines)
    return "\n".join(lines)
