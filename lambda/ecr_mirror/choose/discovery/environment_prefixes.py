"""Whether a script or recipe line that looks like an assignment gives a variable to one command only (pure).

`NAME=value command ...` runs the command with NAME in its environment and leaves the shell's variable as it was
(POSIX Shell Command Language 2.9.1 Simple Commands,
https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_02_09_01), and a Makefile's line led
by a tab is a recipe line, run by the shell. So a docs Makefile's `<TAB>DOCS_IMAGE=$(VALE_IMAGE) ./make-docs` is no
second value of its `DOCS_IMAGE`, and neither is a script's `    IMAGE="x" ./run.sh --fast` in a function. Read on
lines led by a tab, on lines indented with spaces outside a makefile's conditional (inside `ifeq ... endif` make
assigns `  NAME=a b` its whole value, spaces and all), and on lines continuing a line (an unindented `NAME=a b` at
the top of a Makefile assigns `a b`), for `=` written without spaces, as the shell reads it (`NAME = a b` is
make's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_OPENS = {"(": ")", "{": "}"}
_ASSIGNMENT_RE = re.compile(r"[A-Za-z_]\w*=")  # `A=1 B=2` alone assigns both: no command follows


def prefixes_a_command(
    line: str, match: re.Match[str], before: Sequence[str] = (), *, in_make_conditional: bool = False
) -> bool:
    """Whether an indented line's `NAME=value command ...` is an environment prefix rather than an assignment: in a
    Makefile recipe (a line led by a tab, run by the shell) or an indented script line (led by spaces, but for a line
    `in_make_conditional`, between a makefile's `ifeq`/`ifdef` and its `endif`, which is make's own assignment
    whatever indents it), words after the value, past its quotes, backquotes and `$(...)`/`${...}`, make it the
    environment of that command only, the variable unchanged (POSIX Shell Command Language 2.9.1, https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html
    #tag_02_09_01); further `NAME=value` words alone are assignments too, and so is one ended by `;`, `&&` or `||`
    before the next command.
    Only `=` written without spaces, as the shell reads it (`NAME = a b` is make's). A line continuing the one
    `before` it (that ends with a backslash) is read so whatever leads it: make reads a recipe line's continuation
    lines as its own (`<TAB>for v in $(LIST); do \\` then `  <TAB>VERSION=$${v} $(MAKE) image; \\`)."""
    continued = bool(before) and before[-1].rstrip().endswith("\\")
    indented = line.startswith("\t") or (line.startswith(" ") and not in_make_conditional)
    if not (indented or continued) or match.group(2) != "=" or match.start(2) != match.end(1):
        return False
    value, quote, closing = match.group(3), "", []
    for index, char in enumerate(value):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char
        elif char in _OPENS and index and value[index - 1] == "$":
            closing.append(_OPENS[char])
        elif closing and char == closing[-1]:
            closing.pop()
        elif not closing and char in ";&|":  # `NAME=v; cmd`, `NAME=v && cmd`: the assignment ends, another command
            return False
        elif not closing and char in " \t":
            rest = value[index:].lstrip()
            words = rest.split()
            return bool(rest) and rest[0] not in "#;&|" and not all(_ASSIGNMENT_RE.match(word) for word in words)
    return False
