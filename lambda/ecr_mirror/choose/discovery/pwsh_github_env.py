"""The values a PowerShell `run:` step of a GitHub Actions job writes to `$env:GITHUB_ENV` (pure).

A step writes `NAME=value` lines to the file `$env:GITHUB_ENV` names, and GitHub sets NAME in the environment and
the `env` context of every later step of the job
(https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-environment-variable,
whose PowerShell example is `"NAME=value" | Out-File -FilePath $env:GITHUB_ENV -Append`). A database client library
splits a matrix value such as `8.4.3-mysql` so: `$parts = '${{ matrix.dbVersion }}'.Split('-')`, `$type =
$parts[1]`, `echo "type=$type" >> $env:GITHUB_ENV`, and a later step runs `docker pull '${{ env.type }}:${{
env.version }}'`. Read in a step that runs PowerShell (`shell: pwsh` or `powershell` on the step or the job's or
the workflow's `defaults.run`, or no shell on a literal Windows runner, where PowerShell is the default:
https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrunshell), with the
matrix already substituted, line by line outside any `{ }` block (a write in an `if`, a loop or a function is known
only when the step runs, and leaves its name unknown):

- an assignment `$name = 'text'` or `"text"` (`$var` and `${var}` of known variables taken in double quotes), `$name
  = $other`, `$name = 'text'.Split('c')` (a list: .NET's String.Split on one character,
  https://learn.microsoft.com/en-us/dotnet/api/system.string.split), `$name = $list[i]` (a negative index counts
  from the end, as PowerShell's does) and `'text'.Split('c')[i]`; any other value makes the name unknown;
- a write: `echo`/`Write-Output` of one string, or the string alone, `>> $env:GITHUB_ENV`; the string piped to
  `Out-File ... $env:GITHUB_ENV ... -Append`; `Add-Content -Path $env:GITHUB_ENV -Value STRING`. A value that
  is not literal then (an unknown variable, a subexpression `$(...)`) leaves its name unknown.

PowerShell's variable names are not case-sensitive; the names written are the file's, as GitHub keeps them.
"""

from __future__ import annotations

import re
from typing import Any

_SHELLS = frozenset({"pwsh", "powershell"})
_STRING = r"(?:'[^'\n]*'|\"[^\"\n`]*\")"
_ASSIGN_RE = re.compile(r"^\$(?P<name>[A-Za-z_]\w*)[ \t]*=(?!=)[ \t]*(?P<value>.*?)[ \t]*;?$")
_SPLIT_RE = re.compile(
    rf"^(?P<text>{_STRING}|\$[A-Za-z_]\w*)\.Split\(['\"](?P<sep>[^'\"])['\"]\)(?:\[(?P<i>-?\d+)\])?$"
)
_INDEX_RE = re.compile(r"^\$(?P<name>[A-Za-z_]\w*)\[(?P<i>-?\d+)\]$")
_TARGET = r"[\"']?\$\{?env:GITHUB_ENV\}?[\"']?"
_WRITE_RES = (
    re.compile(rf"^(?:(?:echo|Write-Output)[ \t]+)?(?P<string>{_STRING})[ \t]*>>[ \t]*{_TARGET}$", re.I),
    re.compile(rf"^(?P<string>{_STRING})[ \t]*\|[ \t]*Out-File\b(?=.*[ \t]-Append\b)(?=.*{_TARGET}).*$", re.I),
    re.compile(rf"^Add-Content[ \t]+(?:-Path[ \t]+)?{_TARGET}[ \t]+-Value[ \t]+(?P<string>{_STRING})[ \t]*$", re.I),
)
_VARIABLE_RE = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_]\w*)\}|(?P<name>[A-Za-z_]\w*))")
_PLAIN_RE = re.compile(r"[^\s'\"$`\\{}()]+")

Value = str | list[str]


def runs_powershell(step: dict[Any, Any], job: dict[Any, Any], workflow: dict[Any, Any]) -> bool:
    """Whether the step's `run:` runs in PowerShell (see the module)."""
    for scope in (step, job.get("defaults"), workflow.get("defaults")):
        run = scope.get("run") if scope is not step and isinstance(scope, dict) else None
        shell = step.get("shell") if scope is step else run.get("shell") if isinstance(run, dict) else None
        if isinstance(shell, str) and shell.strip():
            return shell.strip().lower() in _SHELLS
    runs_on = job.get("runs-on")
    return isinstance(runs_on, str) and "${{" not in runs_on and runs_on.strip().lower().startswith("windows")


def _string(written: str, variables: dict[str, Value]) -> str | None:
    """A quoted PowerShell string's text; a double-quoted one with its known variables; None when not literal."""
    if written.startswith("'"):
        return written[1:-1]
    unknown = False

    def _taken(match: re.Match[str]) -> str:
        nonlocal unknown
        value = variables.get((match["braced"] or match["name"]).lower())
        if not isinstance(value, str):
            unknown = True
            return ""
        return value

    text = _VARIABLE_RE.sub(_taken, written[1:-1])
    return None if unknown or "$" in text else text


def _indexed(values: Value | None, index: str | None) -> Value | None:
    if index is None or not isinstance(values, list):
        return values if index is None else None
    at = int(index)
    return values[at] if -len(values) <= at < len(values) else None


def _value(written: str, variables: dict[str, Value]) -> Value | None:
    """The value of an assignment's right side, where it is one of the forms the module names."""
    if re.fullmatch(_STRING, written):
        return _string(written, variables)
    if (split := _SPLIT_RE.match(written)) is not None:
        text = split["text"]
        source = variables.get(text[1:].lower()) if text.startswith("$") else _string(text, variables)
        return _indexed(source.split(split["sep"]), split["i"]) if isinstance(source, str) else None
    if (index := _INDEX_RE.match(written)) is not None:
        return _indexed(variables.get(index["name"].lower()), index["i"])
    if re.fullmatch(r"\$[A-Za-z_]\w*", written):
        return variables.get(written[1:].lower())
    return None


def _depth_change(line: str) -> int:
    """The braces a line opens less those it closes, outside quoted strings."""
    bare = re.sub(_STRING, "", line)
    return bare.count("{") - bare.count("}")


def pwsh_env_writes(commands: str) -> dict[str, str | None]:
    """What a PowerShell step's commands (the matrix substituted) write to `$env:GITHUB_ENV`: name -> value, None
    for a name written with a value known only when the step runs."""
    variables: dict[str, Value] = {}
    written: dict[str, str | None] = {}
    depth = 0
    for raw in commands.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        outer = depth == 0 and not re.search(r"[{}]", re.sub(_STRING, "", line))
        depth = max(0, depth + _depth_change(line))
        if (assign := _ASSIGN_RE.match(line)) is not None:
            value = _value(assign["value"], variables) if outer else None
            if value is None:
                variables.pop(assign["name"].lower(), None)
            else:
                variables[assign["name"].lower()] = value
            continue
        for pattern in _WRITE_RES:
            if (write := pattern.match(line)) is None:
                continue
            name, equals, _ = write["string"][1:-1].partition("=")
            if equals and re.fullmatch(r"[A-Za-z_]\w*", name):
                text = _string(write["string"], variables) if outer else None
                value = text.partition("=")[2] if text is not None else None
                written[name] = value if value is not None and _PLAIN_RE.fullmatch(value) else None
            break
    return written


def with_pwsh_writes(env: dict[str, str], commands: str) -> dict[str, str]:
    """`env` (what earlier steps wrote) after a PowerShell step's writes: a name written with a value known only
    when the step runs is no longer known."""
    out = dict(env)
    for name, value in pwsh_env_writes(commands).items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out
