"""The scripts a shell script runs by their path, and the environment it passes them (pure).

A CI step exports `CLUSTER_VERSION=kindest/node:v1.35.0` and runs `hack/local-up.sh`, which runs
`"${REPO_ROOT}"/hack/setup-dev-base.sh`, where `CLUSTER_VERSION=${CLUSTER_VERSION:-"kindest/node:v1.36.1"}` feeds
`kind create cluster --image`: the child script inherits its parent's environment
(https://www.gnu.org/software/bash/manual/bash.html#Command-Execution-Environment), so the step's value reaches it.

- `nested_scripts`: each command of the script that runs a script by its path, `PATH.sh` or `bash|sh|exec PATH.sh`,
  the path literal or built from the script's own place (`$(dirname "$0")`, `${BASH_SOURCE[0]}`, a `REPO_ROOT`
  variable of such a value: sourced_paths.py's rules, `I`/`F` the script's directory, `T` the repository's top, a
  relative path from the script's directory or the top), with the literal values `export NAME=value` gives before
  it;
- `script_passed_on`: the environment a script passes on at a line: what it was given, but for a name it assigns
  itself before that line (`NAME=value`; a default of itself, `NAME=${NAME:-d}`, keeps the given value).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import source_target

_RUN_RE = re.compile(
    r"(?P<path>(?:\"?\$\{?[A-Za-z_]\w*\}?\"?|\"?\$\([^()]*(?:\([^()]*\))?[^()]*\)\"?)?/?[\w./\"-]*\.(?:sh|bash)\"?)"
    r"(?=[ \t;&|)]|$)"
)
_LEAD_RE = re.compile(r"(?:(?:bash|sh|exec)[ \t]+(?:-[a-z]+[ \t]+)*)?$")
_EXPORT_RE = re.compile(r"^[ \t]*export[ \t]+(?P<rest>.+)$")
_PLAIN_RE = re.compile(r"[^\s'\"$`\\{}()]+")
_DEFAULT_RE = re.compile(r"\$\{[A-Za-z_]\w*:?[-=](?P<value>[^\s'\"$`\\{}()]+)\}")


def exported(lines: Iterable[tuple[int, str]], *, defaults: bool = False) -> list[tuple[int, str, str]]:
    """(line, name, value) of each literal `NAME=value` an `export` line of (line, text) `lines` gives; with
    `defaults`, also the literal default of a variable's, `NAME="${OTHER:-value}"` (`-`, `:=`, `=` too: the
    text's given names have their values there already, step_scripts.with_env)."""
    out: list[tuple[int, str, str]] = []
    for number, line in lines:
        if (match := _EXPORT_RE.match(line)) is not None:
            for word in command_words(match["rest"]):
                name, sep, value = word.partition("=")
                if defaults and (default := _DEFAULT_RE.fullmatch(value)) is not None:
                    value = default["value"]
                if sep and re.fullmatch(r"[A-Za-z_]\w*", name) and _PLAIN_RE.fullmatch(value):
                    out.append((number, name, value))
    return out


def _exports(lines: list[str], before: int) -> dict[str, str]:
    return {name: value for _, name, value in exported(enumerate(lines[: before - 1], start=1), defaults=True)}


def _resolved(written: str, values: dict[str, set[str]], shown: str, root: str) -> list[str]:
    target = source_target(written, values)
    if target is None:
        return []
    anchor, relative = target
    here = posixpath.dirname(shown)
    bases = {"I": [here], "F": [here], "T": [root], "R": [here, root]}[anchor]
    return [posixpath.normpath(posixpath.join(base, relative)) for base in bases]


def nested_scripts(text: str, shown: str, root: str) -> list[tuple[int, str, dict[str, str]]]:
    """(line, the script's path as shown, what the script exports before) of each script `text` (the script
    `shown`, in the repository at `root`) runs by its path; a path may be one of several places (`R`)."""
    if ".sh" not in text and ".bash" not in text:
        return []
    lines = text.splitlines()
    values: dict[str, set[str]] | None = None
    out: list[tuple[int, str, dict[str, str]]] = []
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(("#", "source ", ". ")):
            continue
        for match in _RUN_RE.finditer(line):
            lead = _LEAD_RE.search(line[: match.start()])
            if lead is None or not in_command_position(line[: lead.start()]):
                continue
            values = ShellValues.of(text).values if values is None else values
            for path in _resolved(match["path"], values, shown, root):
                out.append((number, path, _exports(lines, number)))
    return out


def script_passed_on(text: str, env: dict[str, str], line: int) -> dict[str, str]:
    """`env` as the script `text` passes it on at `line` (see the module)."""
    before = "\n".join(text.splitlines()[: line - 1])
    out: dict[str, str] = {}
    for name, value in env.items():
        own = re.compile(
            rf"^[ \t]*(?:export[ \t]+|readonly[ \t]+|declare[ \t]+-\w+[ \t]+)?{re.escape(name)}=(?P<v>.*)$", re.M
        )
        if all(re.match(rf"[\"']?\$\{{{re.escape(name)}:?[-=]", found["v"]) for found in own.finditer(before)):
            out[name] = value
    return out
