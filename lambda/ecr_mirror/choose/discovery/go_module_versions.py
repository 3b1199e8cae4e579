"""The version `go list -m MODULE` prints, read from the main module's `go.mod`, where a script or a Makefile takes a
value from it (pure).

`go list -m MODULE` prints the module's path and the version the main module's build list selects for it, `PATH
VERSION` (https://go.dev/ref/mod#go-list-m); a script or a Makefile cuts the version out (`| awk '{print $2}'`, `| cut
-d" " -f2`) and may drop its `v` (`| sed 's/^v//'`) to tag an image with the version of a dependency its code
builds against: operator-lifecycle-manager's `OPM_IMAGE="quay.io/operator-framework/opm:v$(go list -m
github.com/operator-framework/operator-registry | awk '{print $2}' | sed 's/^v//')"` and its Makefile's
`OPERATOR_REGISTRY_VERSION ?= $(shell go list -m ... | cut -d" " -f2 | sed 's/^v//')`. Read: the shell's `$(...)`
(`$$(...)` in a recipe) and make's `$(shell ...)` holding just that pipeline, replaced where written (the lines keep
their numbers) by the version a `require` of the nearest `go.mod` gives MODULE, its `v` dropped when the `sed` says
so. A module the `go.mod` does not require, or one a `replace` directive replaces (its version is then another's),
another pipeline, `-json` or a `-f` template stay as written, known only when they run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Load = Callable[[str], str | None]  # the text of a `go.mod` by its directory, None when there is none

_PIPELINE = (
    r"go[ \t]+list[ \t]+-m[ \t]+(?P<module>[\w.~/-]+)[ \t]*\|[ \t]*"
    r"(?:awk[ \t]+['\"]\{[ \t]*print[ \t]+\$\$?2[ \t]*\}['\"]|cut[ \t]+-d[ \t]*(?:\"[ ]\"|'[ ]')[ \t]*-f[ \t]*2)"
    r"(?P<strip>[ \t]*\|[ \t]*sed[ \t]+(?:-e[ \t]+)?['\"]s/\^v//g?['\"])?[ \t]*"
)
_CALL_RE = re.compile(r"\$?\$\((?:shell[ \t]+)?" + _PIPELINE + r"\)")
_REQUIRE_RE = re.compile(r"^(?:require[ \t]+)?[ \t]*([\w.~/-]+)[ \t]+(v[\w.+-]+)[ \t]*(?://.*)?$")
_REPLACE_RE = re.compile(r"^(?:replace[ \t]+)?[ \t]*([\w.~/-]+)(?:[ \t]+v[\w.+-]+)?[ \t]+=>")


def required_version(go_mod: str, module: str) -> str | None:
    """The version the `require` directives of `go_mod` give `module`; None when none does or a `replace` replaces it
    (https://go.dev/ref/mod#go-mod-file-require)."""
    block = ""  # the directive of the block the line is in: `require (` ... `)`
    version = None
    for raw in go_mod.splitlines():
        line = raw.split("//", 1)[0].strip() if "=>" in raw else raw.strip()
        if line.endswith("(") and line[:-1].strip() in ("require", "replace", "exclude", "retract"):
            block = line[:-1].strip()
            continue
        if line == ")":
            block = ""
            continue
        directive = block or line.split(maxsplit=1)[0] if line else ""
        if directive == "replace" and (replaced := _REPLACE_RE.match(line)) and replaced[1] == module:
            return None
        if directive == "require" and (required := _REQUIRE_RE.match(line)) and required[1] == module:
            version = required[2]
    return version


def with_module_versions(text: str, bases: Sequence[str], load: Load) -> str:
    """`text` with each `go list -m MODULE | ...` pipeline whose version the nearest `go.mod` of `bases` (the file's
    directory, then those above it) gives written as that version (see the module)."""
    if "go list" not in text:
        return text
    go_mod = next((found for base in bases if (found := load(base)) is not None), None)
    if go_mod is None:
        return text

    def one(match: re.Match[str]) -> str:
        version = required_version(go_mod, match["module"])
        if version is None:
            return match.group()
        return version.removeprefix("v") if match["strip"] else version

    return _CALL_RE.sub(one, text)
