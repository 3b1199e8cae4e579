"""The values a script takes from the configuration files it sources by a path with a variable directory (pure).

A runner script that starts one of several services by name keeps a small shell file of settings per service and
sources the one its argument picks: xo/usql's `contrib/podman-run.sh` runs `source $BASE/podman-config` with
`BASE=$SRC/$TARGET`, then `podman pull $IMAGE`, each `contrib/<db>/podman-config` setting `IMAGE=...`. One run
sources one of those files, so a name they set takes each file's value in some run, as a name set in each branch of
an `if` chain does (shell_conditionals.py): the files' one-line assignments are appended to the script as the
branches of one chain, after its last line (its own lines keep their numbers). Read only for a source path whose last
part is a literal file name in a directory that is one variable (`source $BASE/podman-config`, `. "${dir}/env"`; not
`source "${SCRIPT_ROOT}/lib/lib.sh"`, a library at a fixed place, nor `source "$DIR/env"` with `DIR=$(dirname "$0")`:
sourced_libraries.py reads those), and only when the caller finds several files of that name below the script's
directory (one is no choice). A name the script assigns itself keeps the script's value.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import source_target

_SOURCE_RE = re.compile(
    r"""^[ \t]*(?:source|\.)[ \t]+(?P<quote>["']?)[^\s;|&<>"'`$]*(?:\$[A-Za-z_]\w*/|\$\{[A-Za-z_]\w*\}/)"""
    r"""(?P<name>[\w.+-]+)(?P=quote)"""
    r"[ \t]*(?:(?:;|#|&&|\|\|).*)?$",
    re.MULTILINE,
)
_ASSIGN_RE = re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)=\S")


def sourced_names(text: str) -> list[str]:
    """The file names a script sources from a directory it knows only when it runs (`source $BASE/podman-config`:
    `podman-config`), in order, each once; not those of a directory the repository says (`DIR=$(dirname "$0")`, a
    library: sourced_libraries.py)."""
    out: list[str] = []
    values: dict[str, set[str]] | None = None
    for match in _SOURCE_RE.finditer(text):
        if match["name"] in out:
            continue
        values = ShellValues.of(text).values if values is None else values
        written = command_words(match[0].split(None, 1)[1])
        if not written or source_target(written[0], values) is None:
            out.append(match["name"])
    return out


def with_sourced_values(text: str, configs: list[str]) -> str:
    """`text` with the assignments of the sourced files `configs` appended as the branches of one `if` chain (names
    the script assigns itself left out); `text` itself when none assigns another name."""
    own = set(ShellValues.of(text).values)
    branches = []
    for config in configs:
        lines = [
            line.strip()
            for line in config.splitlines()
            if (match := _ASSIGN_RE.match(line)) is not None and match.group(1) not in own
        ]
        if lines:
            branches.append(lines)
    if not branches:
        return text
    chain: list[str] = []
    for index, lines in enumerate(branches):
        chain += ["if :; then" if index == 0 else "elif :; then", *lines]
    return text + ("" if text.endswith("\n") else "\n") + "\n".join([*chain, "fi"]) + "\n"
