"""A script's own function that gives a variable a default, its calls read as that assignment (pure).

kubernetes-csi's release-tools `prow.sh`, copied into each CSI repository, sets its settings through `configvar () {
eval : \\$\\{"$1":="\\$2"\\}; ... }`, then `configvar CSI_PROW_KIND_IMAGES "kindest/node:v1.34.0@sha256:...
kindest/node:v1.33.4@sha256:..." "kind images"`: the variable the first argument names takes the second unless the
environment sets it (`${NAME:=word}`,
https://www.gnu.org/software/bash/manual/html_node/Shell-Parameter-Expansion.html), as `NAME="${NAME:-word}"` would,
and discover reads such a default as the value. `defaults_assigned` rewrites each call of a function of the script
whose body `eval`s `: ${"$1":="$2"}`, at the start of its line, into `NAME=VALUE`, the value as the call writes it (a
quoted value over several lines keeps its lines), the words after it dropped; a value with a command substitution or a
backquote is left as written (the call stays as it is). Lines keep their numbers.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.shell_functions import function_bodies

# `eval : \$\{"$1":="\$2"\}` (also `${1}`, `${2}`, unquoted, `:-`'s sibling `=`)
_DEFAULTING_RE = re.compile(r"\beval[ \t]+:[ \t]+\\\$\\\{\"?\$\{?1\}?\"?:?=\"?\\\$\{?2\}?")


def _defaulting_functions(text: str) -> list[str]:
    return [name for name, _, _, body in function_bodies(text.split("\n")) if _DEFAULTING_RE.search(body)]


def _value_end(text: str, at: int) -> int:
    """The offset just after the word starting at `at` (a quoted one may span lines), -1 for a value not read."""
    quote = text[at] if at < len(text) else ""
    if quote not in "\"'":
        end = at
        while end < len(text) and not text[end].isspace() and text[end] not in ";&|<>`$\"'":
            end += 1
        return end if end > at and (end == len(text) or text[end].isspace() or text[end] == ";") else -1
    index = at + 1
    while index < len(text):
        char = text[index]
        if char == quote:
            return index + 1
        if quote == '"' and (char == "`" or text.startswith("$(", index)):
            return -1  # a command substitution: known only when it runs
        index += 2 if char == "\\" and quote == '"' else 1
    return -1


def defaults_assigned(text: str) -> str:
    """`text` with each call of its defaulting functions written as the assignment it makes (see the module)."""
    if "eval" not in text:
        return text
    names = _defaulting_functions(text)
    if not names:
        return text
    call_re = re.compile(
        rf"^(?P<indent>[ \t]*)(?:{'|'.join(map(re.escape, names))})[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]+", re.M
    )
    out: list[str] = []
    position = 0
    for call in call_re.finditer(text):
        if call.start() < position or (end := _value_end(text, call.end())) < 0:
            continue
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        out += [text[position : call.start()], call["indent"], call["name"], "=", text[call.end() : end]]
        position = line_end
    return "".join([*out, text[position:]]) if out else text
