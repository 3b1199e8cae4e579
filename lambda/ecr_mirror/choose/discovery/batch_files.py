"""Windows batch scripts (`*.bat`, `*.cmd`) as the shell readers read them (pure).

An install or build script for Windows runs the same `docker pull`, `docker run` and `docker build -t` commands as a
shell script (ejabberd's `ejabberd-container-install.bat`: `set VERSION=latest`, `set
IMAGE=ghcr.io/processone/ejabberd:%VERSION%`, `docker pull %IMAGE%`); only a little syntax differs, rewritten line
for line (line numbers hold): a comment line (`REM ...`, `:: ...`) as `# ...`, `set NAME=value` and `set
"NAME=value"` as `NAME=value` (in single quotes when it holds a blank: `set VOL=-v C:\\conf:/conf` is one value of
options; not `set /A` arithmetic nor `set /P` input, whose values come when it runs), a
variable `%NAME%` and its delayed expansion `!NAME!` as `${NAME}`, and a caret ending a line (`^`) as the shell's
backslash. Other `%` forms (a loop's `%%a`, an argument `%1`, `%~dp0`) stay, so a word holding them stays unresolved.
"""

from __future__ import annotations

import re

_COMMENT_RE = re.compile(r"^([ \t]*@?)(?:rem(?=[ \t]|$)|::)", re.IGNORECASE | re.MULTILINE)
_SET_RE = re.compile(r"^([ \t]*@?)set[ \t]+(\"?)([A-Za-z_]\w*)=([^\n]*)$", re.IGNORECASE | re.MULTILINE)
_VARIABLE_RE = re.compile(r"%([A-Za-z_]\w*)%|!([A-Za-z_]\w*)!")
_CARET_RE = re.compile(r"\^[ \t]*$", re.MULTILINE)


def is_batch(origin: str) -> bool:
    return origin.lower().endswith((".bat", ".cmd"))


def _assignment(match: re.Match[str]) -> str:
    indent, quoted, name, value = match.groups()
    value = value.rstrip()
    if quoted and value.endswith('"'):
        value = value[:-1]  # `set "NAME=value"`: the quotes bound the assignment, not the value
    if any(blank in value for blank in " \t") and "'" not in value:
        value = f"'{value}'"  # one value, blanks and all: cmd substitutes it as written, where it is used
    return f"{indent}{name}={value}"


def batch_lines(text: str) -> str:
    """A batch script's text in the shell syntax the command readers know, one line for each line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENT_RE.sub(r"\1#", text)
    text = _SET_RE.sub(_assignment, text)
    text = _CARET_RE.sub("\\\\", text)
    return _VARIABLE_RE.sub(lambda match: "${" + (match.group(1) or match.group(2)) + "}", text)
