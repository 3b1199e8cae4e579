"""cargo-make task files: the shell scripts of their tasks, and the files they extend (pure).

cargo-make (https://github.com/sagiegurari/cargo-make) reads `Makefile.toml`; its `[tasks.NAME]` tables run a
`script`, a string (a multi-line `'''...'''` or `\"\"\"...\"\"\"` block, or one line) or an array of lines, with the
shell unless a `script_runner` or the script's `#!@duckscript` / `#!@rust` line says otherwise
(https://github.com/sagiegurari/cargo-make#usage-task-command-script-task-examplescript). A top-level `extend`,
`"base.toml"` or a list of `{ path = "..." }` (`optional = true` for one that may be missing), names other task files
read as part of it, from the extending file's directory
(https://github.com/sagiegurari/cargo-make#extending-external-makefiles).

`script_lines` keeps only the shell lines of the tasks' scripts, each at its line, every other line blank: a task's
`description` naming a command is not run, and the scripts' lines are read as a shell script's. `extended` gives the
paths a file's `extend` names.
"""

from __future__ import annotations

import re
import tomllib

_SCRIPT_RE = re.compile(r"^[ \t]*script[ \t]*=[ \t]*(?P<rest>.*)$")
_RUNNER_RE = re.compile(r"^[ \t]*script_runner[ \t]*=[ \t]*[\"'](?P<runner>[^\"']*)[\"']")
_TABLE_RE = re.compile(r"^[ \t]*\[")
_STRING_RE = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'([^'\n]*)'")
_NOT_SHELL = ("#!@duckscript", "#!@rust")


def _string(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else match.group(2)


def script_lines(text: str) -> str:
    """`text` with every line blank but those of its tasks' shell scripts (see the module)."""
    lines = text.split("\n")
    out = [""] * len(lines)
    runs: list[list[int]] = []  # the lines of each script, to drop those another runner runs
    index = 0
    while index < len(lines):
        match = _SCRIPT_RE.match(lines[index])
        rest = match["rest"].strip() if match else ""
        if match and rest[:3] in ("'''", '"""'):
            quote, body, start = rest[:3], rest[3:], index
            while quote not in body and index + 1 < len(lines):
                out[index] = body
                index += 1
                body = lines[index]
            out[index] = body.split(quote, 1)[0]
            runs.append(list(range(start, index + 1)))
        elif match and rest.startswith("["):
            start, body = index, rest[1:]
            while "]" not in _STRING_RE.sub("", body) and index + 1 < len(lines):
                out[index] = "; ".join(_string(found) for found in _STRING_RE.finditer(body))
                index += 1
                body = lines[index]
            out[index] = "; ".join(_string(found) for found in _STRING_RE.finditer(body.split("]", 1)[0]))
            runs.append(list(range(start, index + 1)))
        elif match and (found := _STRING_RE.match(rest)):
            out[index] = _string(found)
            runs.append([index])
        index += 1
    for run in runs:
        first = next((out[line].strip() for line in run if out[line].strip()), "")
        if first.startswith(_NOT_SHELL) or _other_runner(lines, run[0]):
            for line in run:
                out[line] = ""
    return "\n".join(out)


def _other_runner(lines: list[str], at: int) -> bool:
    """Whether the task table holding line `at` sets a `script_runner` that is not the shell."""
    start = next((index for index in range(at, -1, -1) if _TABLE_RE.match(lines[index])), 0)
    end = next((index for index in range(at + 1, len(lines)) if _TABLE_RE.match(lines[index])), len(lines))
    for line in lines[start:end]:
        if (match := _RUNNER_RE.match(line)) and match["runner"] not in ("@shell", "bash", "sh"):
            return True
    return False


def extended(text: str) -> list[str]:
    """The paths a task file's top-level `extend` names, as written (a file that is not TOML names none)."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    value = document.get("extend")
    entries = value if isinstance(value, list) else [value]
    paths = [entry.get("path") if isinstance(entry, dict) else entry for entry in entries]
    return [path for path in paths if isinstance(path, str) and path and "$" not in path]
