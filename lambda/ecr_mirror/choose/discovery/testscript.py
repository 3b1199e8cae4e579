"""Go testscript files (`*.txtar`) read as the shell lines of their `exec` commands (pure).

A testscript (https://pkg.go.dev/github.com/rogpeppe/go-internal/testscript) is a txtar archive whose comment, the
text before the first `-- NAME --` line, is the script; the sections after it are files the script finds in its work
directory, not commands. A script line is a command with its words, `exec PROGRAM ARGS...` running a program (trivy's
e2e `exec docker run -d --name proxy -p 18080:8080 mitmproxy/mitmproxy:latest mitmdump`), optionally led by `!` or `?`
(the command must fail, or may) and `[CONDITION]` guards; `#` starts a comment. Kept: the `exec` lines, written as the
command they run, every other line blank, so that the scripts' readers read them at their lines. A `$NAME` is the
script's (`env NAME=...`) or the test's, known only when it runs.
"""

from __future__ import annotations

import re

_FILE_RE = re.compile(r"^-- \S.*? --[ \t]*$")  # a txtar file marker: the script ends before the first
_EXEC_RE = re.compile(r"^[ \t]*(?:(?:\[[^\]]*\]|[!?])[ \t]+)*exec[ \t]+(?P<command>\S.*)$")


def is_testscript(name: str) -> bool:
    return name.lower().endswith(".txtar")


def testscript_lines(text: str) -> str:
    """The script of a testscript archive as shell lines: each `exec` command as its command, other lines blank."""
    out: list[str] = []
    for line in text.split("\n"):
        if _FILE_RE.match(line):
            break
        command = _EXEC_RE.match(line)
        out.append(command["command"] if command else "")
    return "\n".join(out)
