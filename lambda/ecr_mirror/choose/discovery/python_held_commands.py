"""The docker command lines a Python file keeps in a name and runs through a shell by that name (pure).

A deployment script keeps each command in an attribute, written as adjacent string literals continued over lines with
a backslash, and runs it with a shell: `self.bookingServiceDockerRunCommand = "docker run -d ... -e
CAPELLA_USERNAME={0} -e " \\` / `"... couchbaseqe/gauntlet:booking"`, then `subprocess.call(
self.bookingServiceDockerRunCommand.format(user, password, host), shell=True)`; Python joins adjacent literals into
one string (https://docs.python.org/3/reference/lexical_analysis.html#string-literal-concatenation) and the shell
runs it (https://docs.python.org/3/library/subprocess.html#frequently-used-arguments). Read: each name (`NAME`,
`self.NAME`) a `subprocess` call (`run`, `call`, `check_call`, `check_output`, `Popen`) gives as its command, alone
or with `.format(...)`, with `shell=True`; the literals the file assigns that name, joined, when they start with
`docker` or `podman`, at the assignment's first literal; a `{...}` field, filled by `.format` when the program runs,
is a word known only then. A name no such call runs is not read (a message that happens to start with "docker").
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.source_expressions import placeholder

_PROGRAMS = ("docker", "podman")
_RUN_NAME_RE = re.compile(
    r"\bsubprocess\.(?:run|call|check_call|check_output|Popen)\(\s*(?P<name>[A-Za-z_][\w.]*)"
    r"(?:\.format\([^()]*\))?\s*,[^()]*\bshell\s*=\s*True"
)
_LITERAL = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""
_ASSIGNED_RE = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z_][\w.]*)[ \t]*=[ \t]*(?P<literals>"
    + _LITERAL
    + r"(?:[ \t]*\\?\n?[ \t]*"
    + _LITERAL
    + r")*)",
    re.MULTILINE,
)
_BODY_RE = re.compile(_LITERAL)
_FIELD_RE = re.compile(r"\{([^{}]*)\}")


def held_commands(text: str) -> list[tuple[int, str]]:
    """(offset, command line) of each docker command line the file keeps in a name it runs through a shell."""
    run = {match["name"] for match in _RUN_NAME_RE.finditer(text)}
    commands: list[tuple[int, str]] = []
    for assigned in _ASSIGNED_RE.finditer(text) if run else ():
        if assigned["name"] not in run:
            continue
        line = "".join(literal[1:-1] for literal in _BODY_RE.findall(assigned["literals"]))
        if line.split(" ", 1)[0] in _PROGRAMS:
            filled = _FIELD_RE.sub(lambda field: placeholder(field.group(1) or "0", "PYTHON_EXPRESSION"), line)
            commands.append((assigned.start("literals"), filled))
    return commands
