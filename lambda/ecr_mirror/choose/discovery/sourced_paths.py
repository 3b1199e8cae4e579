"""Where a script's `source FILE` / `. FILE` line finds its file, when the repository says (pure).

Scripts find the shell library they source by their own place: a literal relative path (`source hack/lib.sh`,
`. ./common.sh`: from the script's directory or, as scripts are often run from the repository's top, from there),
`$(dirname "$0")/lib.sh`, `$(dirname "${BASH_SOURCE[0]}")/lib.sh`, `"${BASH_SOURCE[0]%/*}/lib.sh"`, `$(cd
"$(dirname "$0")/.." && pwd)/hack/lib.sh` (also with CDPATH unset first, `$(unset CDPATH && cd ...)`, `CDPATH=
cd`; `realpath`, with options that keep the path, `realpath -s`, `readlink -f`, `pwd -P`, a `>/dev/null` on the way
read as well), `$(git rev-parse --show-toplevel)/hack/lib.sh`, or a variable the file gives one such value
(`SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"`, then `source "$SCRIPT_DIR/lib.sh"`;
`ROOT="${SCRIPT_DIR}/.."`). `$0` is the script that was run, even in a library it sources; `BASH_SOURCE` is the file
the line is in. A path with anything else (a variable of no such value, a glob, `~`, an absolute path) is not known.
"""

from __future__ import annotations

import posixpath
import re

# the anchors a path is reduced to: I the directory of the script run ($0), F that of the file the line is in
# (BASH_SOURCE), T the repository's top, R the directory the script runs in (the script's or the top)
_PATH = r"@[IFTR][^\s()`;&|$]*"
# GNU realpath's options that print the same directory for a path in the checkout: -s/--strip/--no-symlinks (do not
# resolve symlinks), -e/-m (whether components must exist), -L/-P (`..` before or after symlinks), -q; not
# --relative-to/--relative-base, which print another path (https://www.gnu.org/software/coreutils/manual/html_node/realpath-invocation.html)
_REALPATH_OPTION = (
    r"(?:-[emsLPq]+|--(?:strip|no-symlinks|canonicalize-existing|canonicalize-missing|logical|physical|quiet)\b)"
)
# CDPATH unset or emptied for the `cd` (`unset CDPATH && cd ...`, `CDPATH= cd -- ...`): cd then goes to the path as
# written, not to a directory of CDPATH (https://www.gnu.org/software/bash/manual/bash.html#index-cd)
_NO_CDPATH = r"(?:unset\s+CDPATH\s*(?:&&|;)\s*|CDPATH=\s+)?"
_CURRENT = "(?:^|&&|;|\\bthen\\b)[ \t]*(?:source|\\.)[ \t]+(?=\\S)"
SOURCE_RE = re.compile(_CURRENT)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\$(?:0|\{0\})(?![\w%])"), "@I/.self"),
    (re.compile(r"\$(?:\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE(?!\[))"), "@F/.self"),
    (re.compile(r"\$\{0%/\*\}"), "@I"),
    (re.compile(r"\$\{BASH_SOURCE(?:\[0\])?%/\*\}"), "@F"),
    (re.compile(r"\$\(\s*git\s+rev-parse\s+--show-toplevel(?:\s+2>\s*/dev/null)?\s*\)"), "@T"),
    (re.compile(r"\$\(\s*pwd(?:\s+-[PL])?\s*\)|\$(?:\{PWD\}|PWD(?!\w))"), "@R"),
    (
        re.compile(
            r"\$\(\s*(?:realpath(?:\s+"
            + _REALPATH_OPTION
            + r")*|g?readlink\s+-[fem])\s+(?:--\s+)?("
            + _PATH
            + r")\s*\)"
        ),
        r"\1",
    ),
    (re.compile(r"\$\(\s*dirname\s+(?:--\s+)?(" + _PATH + r")\s*\)|`\s*dirname\s+(" + _PATH + r")\s*`"), r"\1\2/.."),
    (
        re.compile(
            r"\$\(\s*"
            + _NO_CDPATH
            + r"(?:builtin\s+)?cd\s+(?:-P\s+|--\s+)*("
            + _PATH
            + r")\s*(?:[0-9&]?>+\s*/dev/null\s*(?:2>&1\s*)?)?"
            r"(?:&&|;)\s*pwd(?:\s+-[PL])?\s*\)"
        ),
        r"\1",
    ),
)
_VARIABLE_RE = re.compile(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")
_ANCHORED_RE = re.compile(r"^@([IFTR])(?:/([^$`*?\[]*))?$")
_RELATIVE_RE = re.compile(r"^[^/~$`@*?\[][^$`*?\[]*$")
_ROUNDS = 12


def _value(name: str, values: dict[str, set[str]]) -> str | None:
    """The one value `values` give `name`, a default of itself (`${ROOT:-...}`) read as its default; values written
    apart that name one place (`$(dirname "$(realpath "$0")")` and `$(dirname $(realpath $0))`) are that place."""
    known = values.get(name, set())
    if len(known) > 1:  # assigned twice (a script and the library it sources): one place if both say the same
        places = {_reduced(value, {}) for value in known}
        return places.pop() if len(places) == 1 and _ANCHORED_RE.match(next(iter(places))) else None
    if len(known) != 1:
        return None
    value = next(iter(known)).replace('"', "").replace("'", "")
    for how in (":-", "-", ":=", "="):
        if value.startswith(f"${{{name}{how}") and value.endswith("}"):
            return value[len(name) + 2 + len(how) : -1]
    return value


def _reduced(expression: str, values: dict[str, set[str]]) -> str:
    text = expression.replace('"', "").replace("'", "")
    for _ in range(_ROUNDS):
        before = text
        for pattern, replacement in _RULES:
            text = pattern.sub(replacement, text)
        if text == before:

            def one(match: re.Match[str]) -> str:
                value = _value(match.group(1) or match.group(2), values)
                return match.group(0) if value is None else value

            text = _VARIABLE_RE.sub(one, text)
            if text == before:
                break
    return text


def source_target(expression: str, values: dict[str, set[str]]) -> tuple[str, str] | None:
    """(anchor, the path from it) of a sourced file's path as written (`"$(dirname "$0")/../lib.sh"`: (`I`,
    `.self/../../lib.sh`)), `values` the literal assignments of the file (ShellValues.values); None when not known.
    Anchors: `I` the directory of the script run, `F` that of the file the line is in, `T` the repository's top, `R`
    the directory it runs in (a relative path: the file's directory, else the script's, else the top)."""
    text = _reduced(expression, values)
    if (match := _ANCHORED_RE.match(text)) is not None:
        return match.group(1), match.group(2) or ""
    if _RELATIVE_RE.match(text):
        return "R", text
    return None


def own_place(expression: str, values: dict[str, set[str]]) -> str | None:
    """A path built from the script's own directory (`$script_path/Dockerfile`, `script_path=$(dirname $(realpath -s
    $0))`; `"${ROOT}/operator"`, `ROOT="${SCRIPT_DIR}/.."`), from that directory (`../operator`); None for any other
    path (`source_target`'s anchors but `I` and `F`)."""
    target = source_target(expression, values)
    if target is None or target[0] not in ("I", "F"):
        return None
    path = posixpath.normpath(target[1] or ".")  # `.self/../Dockerfile`: `.self` is the script, `..` its directory
    return None if path.split("/", 1)[0] == ".self" else path


_ROOTED_RE = re.compile(r"^\$(?:\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)/((?:[\w.-]+/)+[\w.-]+)$")


def rooted_target(expression: str) -> tuple[str, str] | None:
    """(`T`, the path after it) of a sourced path led by one variable whose value is not known and followed by a
    literal path of at least one directory (`. ${repo_root}/test/e2e/scripts/common.sh`, where oras' `prepare.sh`
    is given the repository's top as its first argument by the script that runs it); None for another path. Taken
    by the caller only when that path names a file from the repository's top."""
    match = _ROOTED_RE.match(expression.replace('"', "").replace("'", ""))
    return ("T", match.group(1)) if match is not None else None
