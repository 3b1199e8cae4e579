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
    environment of that command only, the variable unchanged (POSIX Shell Command Language 2.9.1,
    https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_02_09_01). Further `NAME=value`
    words alone are assignments too, and so, on a script's line led by spaces, are an array, `NAMES=(a b)`, a
    declaration (`export`, `local`, `readonly`, `declare`: its other words are names it declares) and one ended by
    `;`, `&&` or `||` before the next command (a recipe line's, led by a tab or continued, reads as before: the
    shell's variable, no make value).
    Only `=` written without spaces, as the shell reads it (`NAME = a b` is make's). A line continuing the one
    `before` it (that ends with a backslash) is read so whatever leads it: make reads a recipe line's continuation
    lines as its own (`<TAB>for v in $(LIST); do \\` then `  <TAB>VERSION=$${v} $(MAKE) image; \\`)."""
    continued = bool(before) and before[-1].rstrip().endswith("\\")
    indented = line.startswith("\t") or (line.startswith(" ") and not in_make_conditional)
    if not (indented or continued) or match.group(2) != "=" or match.start(2) != match.end(1):
        return False
    value = match.group(3)
    script = line.startswith(" ") and not continued  # a script's line: a recipe's (tab, continued) reads as before
    if script and (value.startswith("(") or line[: match.start(1)].strip()):
        return False  # `NAMES=(a b c)`: an array; `local A=1 B`: a declaration of both
    end = _word_end(value, " \t;&|" if script else " \t")  # a recipe line's `;` as before: part of the word
    if end is None or value[end] in ";&|":
        return False  # one word; `NAME=v; cmd` in a script assigns, then runs the next command
    rest = value[end:].lstrip()
    words = rest.split()
    return bool(rest) and rest[0] not in "#;&|" and not all(_ASSIGNMENT_RE.match(word) for word in words)


def _word_end(value: str, ends: str) -> int | None:
    """Where the first shell word of `value` ends, at one of `ends` (blanks, `;`, ...) outside its quotes,
    backquotes and `$(...)`/`${...}` (double quotes inside `$(...)` inside double quotes nest, as the shell reads
    them); None when the word is the whole value."""
    stack: list[str] = []  # the closer of each open quote or substitution
    index = 0
    while index < len(value):
        char, top = value[index], stack[-1] if stack else ""
        if top in ("'", "`"):
            if char == top:
                stack.pop()
        elif char == "\\":
            index += 1
        elif top == '"' and char == '"':
            stack.pop()
        elif char == "$" and value[index + 1 : index + 2] in _OPENS:
            stack.append(_OPENS[value[index + 1]])
            index += 1
        elif top in (")", "}") and char == top:
            stack.pop()
        elif top != '"' and char in "'\"`":
            stack.append(char)
        elif top == ")" and char == "(":
            stack.append(")")
        elif not top and char in ends:
            return index
        index += 1
    return None
