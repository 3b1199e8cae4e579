"""A script's text as it runs with the arguments its caller gives it: `$1`, `"${2:-latest}"` (pure).

A workflow step runs `./.ci/run-tests ${{ matrix.secured }} ${{ matrix.opensearch_version }}` over a matrix of
server versions; the script exports `OPENSEARCH_VERSION="${2:-latest}"` and runs the script that builds the server's
Dockerfile with `--build-arg OPENSEARCH_VERSION=$OPENSEARCH_VERSION`: each version of the matrix is a base image CI
pulls, which the script read alone (its default, or nothing) does not say.

`with_arguments` replaces the script's positional parameters by the caller's words, as the shell expands them
(https://www.gnu.org/software/bash/manual/bash.html#Positional-Parameters, and #Shell-Parameter-Expansion for the
operators): `$N` and `${N}` by the word, `${N:-w}`, `${N-w}`, `${N:?w}` and `${N?w}` by the word (it is set and not
empty), `${N:+w}` and `${N+w}` by `w`; only for a word that is literal (no `$`, quote, space or backquote: a
`${{ secrets.X }}` the runner fills, or a name, is not known) and only where the script's own parameters are meant:
not in a function's body (`$1` there is the function's argument: shell_functions.function_lines), not in single
quotes (`awk '{print $1}'`), not in a comment, and not after the first command that changes them (`shift`, `set --`,
`getopts`), past which `$1` is another word.
"""

from __future__ import annotations

import functools
import re

from ecr_mirror.choose.discovery.shell_functions import function_lines

_POSITIONAL_RE = re.compile(r"\$(?:([1-9])|\{([1-9])(?:(:?[-?+])((?:[^{}'\"$`]|\$\{[^{}]*\})*))?\})")
_CHANGES_RE = re.compile(r"(?:^|[\s;&|(])(?:shift|set[ \t]+--|getopts)(?=[\s;&|)]|$)")
_LITERAL_RE = re.compile(r"[^\s'\"$`\\{}()]+")


def _unquoted(line: str, quoted: bool) -> tuple[list[tuple[int, int]], bool]:
    """The spans of `line` outside single quotes and comments, and whether a single quote is still open at its end
    (`quoted`: one was open at its start)."""
    spans: list[tuple[int, int]] = []
    start = None if quoted else 0
    double = False
    index = 0
    while index < len(line):
        char = line[index]
        if start is None:  # inside single quotes: only a closing quote ends them
            if char == "'":
                start = index + 1
        elif char == "\\" and not double:
            index += 1
        elif char == '"':
            double = not double
        elif char == "'" and not double:
            spans.append((start, index))
            start = None
        elif char == "#" and not double and (index == 0 or line[index - 1] in " \t;&|("):
            spans.append((start, index))
            return spans, False
        index += 1
    if start is not None:
        spans.append((start, len(line)))
    return spans, start is None


def _expanded(match: re.Match[str], args: tuple[str, ...]) -> str:
    """The expansion of one positional parameter with `args`, or the text as written when its word is not known."""
    position = int(match.group(1) or match.group(2)) - 1
    if position >= len(args) or not _LITERAL_RE.fullmatch(args[position]):
        return match.group(0)
    operator = match.group(3)
    return match.group(4) if operator in (":+", "+") else args[position]


@functools.lru_cache(maxsize=64)
def with_arguments(text: str, args: tuple[str, ...]) -> str:
    """`text` with its positional parameters replaced by `args` where the script's own are meant (see the
    module's docstring); the lines keep their numbers."""
    if not args or "$" not in text:
        return text
    lines = text.splitlines(keepends=True)
    inside = function_lines([line.rstrip("\n") for line in lines])
    quoted = False
    for index, line in enumerate(lines):
        spans, still_quoted = _unquoted(line, quoted)
        if index not in inside:
            if any(_CHANGES_RE.search(line[start:end]) for start, end in spans) and not quoted:
                break
            for start, end in reversed(spans):
                part = _POSITIONAL_RE.sub(lambda match: _expanded(match, args), lines[index][start:end])
                lines[index] = lines[index][:start] + part + lines[index][end:]
        quoted = still_quoted
    return "".join(lines)
