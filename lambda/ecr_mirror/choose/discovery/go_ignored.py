"""Go files no build compiles (pure).

A file whose build constraint is `//go:build ignore`, or the older `// +build ignore`, is kept out of every build:
"To keep a file from being considered for any build: //go:build ignore (any other unsatisfied word will work as
well, but "ignore" is conventional)" (https://pkg.go.dev/cmd/go#hdr-Build_constraints). Its tests never run and its
program never starts, so what it names is not read. Only that exact constraint, before the package clause, counts: a
file built with some tags (`//go:build linux && e2e`) is read.
"""

from __future__ import annotations

import re

# the constraint lines come before the package clause, after comments and blank lines only
_IGNORED_RE = re.compile(
    rb"\A(?:[ \t]*(?://[^\n]*)?\r?\n)*?[ \t]*//(?:go:build|[ \t]*\+build)[ \t]+ignore[ \t]*\r?$", re.M
)


def ignored_go(shown: str, data: bytes) -> bool:
    """Whether a Go source is kept out of every build by `//go:build ignore`."""
    return shown.endswith(".go") and b"ignore" in data[:4096] and _IGNORED_RE.search(data[:4096]) is not None
