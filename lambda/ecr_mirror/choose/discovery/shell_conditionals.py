"""The branches of a shell script's `if` chains, as make_conditionals.py gives a makefile's (pure).

`if [ "$DB" = postgres ]; then` / `DB_IMAGE=postgres:16` / `elif ...; then` / `DB_IMAGE=mysql:8.4` / `else` /
`DB_IMAGE=mariadb:11.4` / `fi`: one run takes one branch, so a command naming the name pulls each branch's value in
some run (make_conditionals.choices decides which names are such choices). Read: an `if` or `elif` line ending with
`then` (`; then`, or `then` alone on the next line), `else` and `fi` (`fi >/dev/null 2>&1` too: the redirection
applies to the whole `if`), each the first word of its line; an `if` that
closes on its own line (`if ...; then X=a; fi`) opens nothing. A Makefile recipe's `if ...; then`, ending with a
backslash, continues on the next line and is not read as one (its lines are one shell command).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.make_conditionals import Branch

_IF_RE = re.compile(r"^[ \t]*if[ \t]")
_ELIF_RE = re.compile(r"^[ \t]*elif[ \t]")
_THEN_RE = re.compile(r"(?:;[ \t]*|^[ \t]*)then[ \t]*(?:#.*)?$")
_ELSE_RE = re.compile(r"^[ \t]*else[ \t]*(?:#.*)?$")
_AFTER_FI = r"[ \t]*(?:(?:[;&|)#<>]|\d+[<>]).*)?$"  # what may follow `fi`: a list operator, a comment, a redirection
_FI_RE = re.compile(r"^[ \t]*fi" + _AFTER_FI)
_CLOSED_RE = re.compile(r"[; \t]fi" + _AFTER_FI)
_CHAINS = 1 << 20  # chain numbers apart from a makefile's (make_conditionals.branches counts from 1)


def _read(text: str) -> tuple[list[Branch], list[str | None]]:
    """The branch of each line, and the directive each line is as the reading takes it (`if :; then`, `elif :;
    then`, `else`, `fi`; None for any other line)."""
    out: list[Branch] = []
    directives: list[str | None] = []
    stack: list[tuple[int, int]] = []
    chains = _CHAINS
    lines = text.splitlines()
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        opens = _THEN_RE.search(line) is not None or _THEN_RE.match(following) is not None
        directive: str | None = None
        if _IF_RE.match(line) and opens and not _CLOSED_RE.search(line):
            out.append(tuple(stack))
            chains += 1
            stack.append((chains, 0))
            directive = "if :; then"
        elif stack and ((_ELIF_RE.match(line) and opens) or _ELSE_RE.match(line)):
            stack[-1] = (stack[-1][0], stack[-1][1] + 1)
            out.append(tuple(stack))
            directive = "else" if _ELSE_RE.match(line) else "elif :; then"
        elif stack and _FI_RE.match(line):
            stack.pop()
            out.append(tuple(stack))
            directive = "fi"
        else:
            out.append(tuple(stack))
        directives.append(directive)
    return out, directives + ["fi"] * len(stack)  # a chain left open at the end closed after it


def shell_branches(text: str) -> list[Branch]:
    """The `if` branch each line of `text` is in (`()` outside any), one per line of `splitlines()`."""
    return _read(text)[0]


def shell_directives(text: str) -> list[str | None]:
    """The `if` directive each line of `text` is, as `shell_branches` reads it, with the condition left out (`if :;
    then`, `elif :; then`, `else`, `fi`; None for other lines), one per line of `splitlines()`, then a `fi` for each
    chain the text leaves open: these lines around a text's assignments, elsewhere, give them the same branches."""
    return _read(text)[1]
