"""The values a shell script takes from the shell libraries it sources (pure).

`source FILE` (or `. FILE`) runs the library's lines at that line of the script, so a script that sources `hack/lib.sh`
and then runs `docker run "${KIND_IMAGE_REPO}:${KIND_VERSION}"` pulls what the library assigns (`export
KIND_IMAGE_REPO="kindest/node"`, `KIND_VERSION="${KIND_VERSION:-v1.33.1}"`, `: "${X:=v}"`, `readonly`, `declare`). Each
`source` line whose path the repository says (sourced_paths.py; also one variable of no known value before a path that
names a file from the repository's top, `. ${repo_root}/test/e2e/scripts/common.sh`: rooted_target) gives the
script the one-line assignments of its library, and of the libraries that one sources (at most `_DEPTH` deep, each
file once: `a.sh` sourcing `b.sh` sourcing `a.sh` reads each once; no more once those read hold `_LINES` lines), as the
shell runs them: a later plain assignment (the script's own after the `source` line, or the next library's) replaces an
earlier one, a default form keeps a value set before. A name a library assigns in the branches of an `if` chain keeps a
value per branch (shell_conditionals.py).
The lines are appended after the script's last line with the library's `if` directives around them (conditions left
out), so the script's own lines keep their numbers; a value with a command substitution or of several words
(`RUN="docker run --rm node:20"`, a command kept to run later) is written `$(...)`, known only when it runs, so that no
command of a library is read as the script's; but for the place of the script run or of the repository's top
(`script_path=$(dirname $(realpath $0))`, sourced_paths.py), kept as written. A script's own assignment that a
library's replaces stays, so the name then has two values, none known (but two that name one place are that
place). The wrapper functions a library defines (`kubectl_bin() { ... kubectl "$@" ...; }`) are the script's too,
as the shell defines them at the `source` line: their definitions are appended as marked comments
(shell_functions.library_functions), so that their calls in the script read as the command they run.
A Bats test's `load NAME` sources `NAME.bash` from the test file's directory (`load helpers`, `load "helpers.bash"`:
https://bats-core.readthedocs.io/en/stable/writing-tests.html#load-share-common-code), read as such a `source` line:
skopeo's `systemtest/*.bats` and their `helpers.bash`, whose `run_skopeo` is then the test's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_conditionals import shell_branches, shell_directives
from ecr_mirror.choose.discovery.shell_functions import LIBRARY_MARK, library_functions
from ecr_mirror.choose.discovery.shell_words import ShellValues, shell_assignment
from ecr_mirror.choose.discovery.sourced_paths import SOURCE_RE, rooted_target, source_target

_COMMENT_RE = re.compile(r"[ \t]+#.*$")
# Bats' `load NAME` (a test file's top-level line or a helper's): `NAME.bash` (or NAME ending in `.bash`) relative to
# the test file's directory; an absolute path or one with a variable is not known
_BATS_LOAD_RE = re.compile(r"^[ \t]*load[ \t]+([\"']?)([\w./-]+?)(?:\.bash)?\1[ \t]*(?:#.*)?$")
_BACKQUOTED_RE = re.compile(r"`([^`]*)`")
_DEPTH = 4  # libraries sourced by libraries, at most this deep
_LINES = 20_000  # no library read for one script once those read hold this many lines
Loader = Callable[[str, str, str], tuple[str, str] | None]  # (anchor, path from it, file sourcing it) -> (file, text)


@dataclass(frozen=True)
class _Line:
    text: str  # what is appended (a library's line, or an `if` directive); a script's own is not
    name: str | None = None  # the name it assigns
    how: str = ""  # set, default or append (shell_words.shell_assignment)
    branched: bool = False  # in a branch of an `if` of its file
    own: bool = False  # a line of the script itself


@dataclass
class _Reading:
    load: Loader
    read: set[str] = field(default_factory=set)  # the libraries read for the script, each once
    lines: int = 0  # their lines


def _written(line: str, value: str) -> str:
    """A library's assignment as appended: its value `$(...)` when it runs a command or holds one to run later
    (`RUN="docker run --rm node:20"`, any value of several words), so no reader takes it for the script's command."""
    bare = _COMMENT_RE.sub("", value)
    if "$(" not in bare and "`" not in bare and not any(char.isspace() for char in bare):
        return line.strip()
    if (place := source_target(bare.strip(), {})) is not None and place[0] in ("I", "T"):
        return line.strip()  # the script's own directory (`$0` is the script run) or the top: no command of its own
    return line[: line.rindex(value)].strip() + "$(...)"


def _sourced(line: str, bats: bool = False) -> str | None:
    """The path as written of the file a line sources (in a Bats test file, `bats`, also its `load NAME`, written as
    the sourcing of `NAME.bash` from the file's directory), None for another line."""
    if bats and (loaded := _BATS_LOAD_RE.match(line)) is not None and not loaded.group(2).startswith("/"):
        return "${BASH_SOURCE%/*}/" + loaded.group(2) + ".bash"
    if line.lstrip().startswith("#") or (match := SOURCE_RE.search(line)) is None:
        return None
    words = command_words(_BACKQUOTED_RE.sub(r"$(\1)", line[match.end() :]))  # `dirname $0` as $(dirname $0)
    return words[0] if words else None


def _lines(
    text: str, path: str, reading: _Reading, values: dict[str, set[str]], within: tuple[str, ...]
) -> list[_Line]:
    """The assignments of `text` (the file `path`) and of the libraries it sources, in the order they run."""
    own = not within
    known: dict[str, set[str]] | None = None  # the names' values where the file's paths are read, once there is one
    lines = text.splitlines()
    bats = path.endswith(".bats")  # a Bats test file: its `load` lines source helpers too
    branches, directives = shell_branches(text), shell_directives(text)
    out: list[_Line] = []
    for index, line in enumerate(lines):
        if not own and directives[index] is not None:
            out.append(_Line(directives[index] or ""))
        elif (assigned := shell_assignment(line)) is not None:
            name, how, value = assigned
            out.append(_Line(_written(line, value), name, how, bool(branches[index]), own))
        elif (written := _sourced(line, bats)) is not None and len(within) < _DEPTH and reading.lines < _LINES:
            known = {**values, **ShellValues.of(text).values} if known is None else known
            target = source_target(written, known) or rooted_target(written)
            loaded = reading.load(*target, path) if target is not None else None
            if loaded is not None and loaded[0] not in (*within, path, *reading.read):
                reading.read.add(loaded[0])
                reading.lines += loaded[1].count("\n") + 1
                out += _lines(loaded[1], loaded[0], reading, known, (*within, path))
    if own:
        return out
    functions = [_Line(line) for line in library_functions(text)]  # defined in the script's shell from here on
    return out + [_Line(directive or "") for directive in directives[len(lines) :]] + functions


def _live(lines: list[_Line]) -> set[int]:
    """The indexes of the assignments whose value stands after all have run (a value per branch each)."""
    live: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line.name is None:
            continue
        standing = live.setdefault(line.name, [])
        if line.how == "default":
            standing += [] if standing else [index]  # a value set before stands
        elif line.how == "set" and not line.branched:
            standing[:] = [index]
        else:
            standing.append(index)
    return {index for indexes in live.values() for index in indexes}


def with_libraries(text: str, path: str, load: Loader) -> str:
    """`text` (the shell script `path`) with the values of the libraries it sources appended after its last line
    (`load`: the file and text an (anchor, path, sourcing file) names, or None); `text` itself when they give none."""
    if "source" not in text and ". " not in text and not (path.endswith(".bats") and "load" in text):
        return text
    lines = _lines(text, path, _Reading(load), {}, ())
    live = _live(lines)
    appended = [line.text for index, line in enumerate(lines) if not line.own and (line.name is None or index in live)]
    given = [
        index in live if line.name is not None else line.text.startswith(LIBRARY_MARK)
        for index, line in enumerate(lines)
    ]
    if not any(not line.own and value for line, value in zip(lines, given, strict=True)):
        return text
    return text + ("" if text.endswith("\n") else "\n") + "\n".join(appended) + "\n"
