"""PowerShell scripts (`*.ps1`) as the shell readers read them (pure).

A build script on Windows runs the same `docker build -t NAME`, `docker run` and `docker pull` commands as a shell
script; only a little syntax differs, and is rewritten line for line (line numbers hold): a line continued with a
backtick at its end (`` ` ``) as with a backslash, an assignment `$Name = "value"` (`$env:Name = ...` and the
scopes `$global:`, `$script:`, `$local:`, `$private:` too) as `Name="value"`, a typed parameter's default in a
`param(...)` list (`[string]$ZapImage = "ghcr.io/zaproxy/zaproxy:stable",`, the value a run without the argument
takes) as `ZapImage="ghcr.io/zaproxy/zaproxy:stable"`, and `$env:Name`, `${env:Name}`,
`$global:Name` as `${Name}`, and an argument in parentheses, a command PowerShell runs for its value (`docker build
-f (Join-Path $PSScriptRoot 'App.Dockerfile') -t $imageName .`), as the shell's `$(...)`, one word, so the words after
it are read (the `-t` there). Backslashes in Windows paths (`$pwd\\out:c:\\bin`) stay:
the shell reader drops them inside words, which changes no image name.
"""

from __future__ import annotations

import re

_CONTINUATION_RE = re.compile(r"`[ \t]*$", re.MULTILINE)
_SCOPE = r"(?:env|global|script|local|private):"
_ASSIGN_RE = re.compile(rf"^([ \t]*)\$(?:{_SCOPE})?([A-Za-z_]\w*)[ \t]*=[ \t]*(?!=)", re.MULTILINE | re.IGNORECASE)
# a parameter with a type and attributes before it and a default, in a `param(...)` list: `[string]$Image = "x",`
_TYPED_PARAMETER_RE = re.compile(r"^([ \t]*)(?:\[[^\]\n]*\][ \t]*)+\$([A-Za-z_]\w*)[ \t]*=(?!=)([^\n]*)$", re.MULTILINE)
# `(` opening an argument after a word (`-f (Join-Path ...)`); not `@(`, `$(`, nor `($x` (a variable follows)
_PARENTHESISED_RE = re.compile(r"(?<=[^\s(@$]\s)\((?=[A-Za-z])")
_ENV_RE = re.compile(rf"\$\{{{_SCOPE}(\w+)\}}|\${_SCOPE}(\w+)", re.IGNORECASE)


def is_powershell(origin: str) -> bool:
    return origin.lower().endswith(".ps1")


def _parameter_default(match: re.Match[str]) -> str:
    """`[string]$Image = "x",` as `Image="x"` (the list's comma dropped)."""
    return f"{match.group(1)}{match.group(2)}={match.group(3).strip().removesuffix(',').rstrip()}"


def shell_lines(text: str) -> str:
    """A PowerShell script's text in the shell syntax the command readers know, one line for each line."""
    text = _CONTINUATION_RE.sub("\\\\", text)
    text = _TYPED_PARAMETER_RE.sub(_parameter_default, text)
    text = _ASSIGN_RE.sub(r"\1\2=", text)
    text = _PARENTHESISED_RE.sub("$(", text)
    return _ENV_RE.sub(lambda match: "${" + (match.group(1) or match.group(2)) + "}", text)
