"""The env a GitHub Actions step writes to `$GITHUB_ENV` for the steps after it (pure).

A step sets a variable for the later steps of its job by appending `NAME=value` lines to the file `$GITHUB_ENV`
names; the runner reads them after the step, and a later step's `${{ env.NAME }}` is that value
(https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-environment-variable).
Read are a step's literal `echo "NAME=value" >> "$GITHUB_ENV"` lines, and `printf '%s\\n' 'NAME=value' ... >>
"$GITHUB_ENV"` (one line each word). A project keeping its pinned versions in a file of the tree appends it whole,
`cat ".github/env" >> "$GITHUB_ENV"` (prometheus-operator's setup-e2e action, then `helm/kind-action` with
`node_image: ${{ env.kind-image }}`): `with_env_files` writes such a line as the `printf` of the file's lines (the same
text appended; the line keeps its number), when every line of the file is a literal `NAME=value` (a value without
blanks, quotes, `$` or backslashes); a file of other lines (a comment, `NAME<<EOF` blocks, a value with a
variable), an absolute path (a file of the runner) or a file not in the tree stays as written, its values unknown.
A value with a variable or a command substitution (`echo "DIR=$(mktemp -d)" >> "$GITHUB_ENV"`) is not read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ecr_mirror.choose.discovery.env_file_actions import with_env_file_actions

Load = Callable[[str], str | None]  # the text of a file of the tree (a path as shown), None when there is none

_ENV_FILE = r"(?P<env>[\"']?\$\{?GITHUB_ENV\}?[\"']?)"
_CAT_RE = re.compile(
    r"^(?P<indent>[ \t]*)cat[ \t]+(?P<quote>[\"']?)(?P<path>[\w.@+-][\w./@+-]*)(?P=quote)[ \t]*>>[ \t]*"
    + _ENV_FILE
    + r"[ \t]*$",
    re.MULTILINE,
)
# One `echo NAME=value >> $GITHUB_ENV` line whose value may still hold a variable: the form the readers of later
# steps' make calls and scripts (step_scripts.py) and of the compose files they start (workflow_written_env.py) take,
# each deciding on the value itself.
ECHO_WRITE_RE = re.compile(
    r"^[ \t]*echo[ \t]+(?P<quote>[\"']?)(?P<name>[A-Za-z_]\w*)=(?P<value>[^\"'\s]*)(?P=quote)[ \t]*>>[ \t]*"
    r"[\"']?\$\{?GITHUB_ENV\}?[\"']?[ \t]*$"
)
_PAIR = r"[A-Za-z_][\w-]*=[^\s'\"$`\\]*"
_PAIR_RE = re.compile(_PAIR)
_ECHO_RE = re.compile(r"^[ \t]*echo[ \t]+(?P<quote>[\"']?)(?P<pair>" + _PAIR + r")(?P=quote)[ \t]*>>[ \t]*" + _ENV_FILE)
_PRINTF_RE = re.compile(
    r"^[ \t]*printf[ \t]+'%s\\n'(?P<pairs>(?:[ \t]+'" + _PAIR + r"')+)[ \t]*>>[ \t]*" + _ENV_FILE + r"[ \t]*$"
)


def _pair(text: str) -> tuple[str, str]:
    name, _, value = text.partition("=")
    return name, value


def written_env(run: str) -> dict[str, str]:
    """The literal `NAME=value` pairs a step's `run:` commands append to `$GITHUB_ENV` (a later write wins)."""
    out: dict[str, str] = {}
    for line in run.splitlines():
        if "GITHUB_ENV" not in line:
            continue
        if (echo := _ECHO_RE.match(line)) is not None:
            out.update([_pair(echo["pair"])])
        elif (printf := _PRINTF_RE.match(line)) is not None:
            out.update(_pair(word.strip("'")) for word in printf["pairs"].split())
    return out


def with_env_files(text: str, top: str, load: Load) -> str:
    """`text` with each `cat PATH >> "$GITHUB_ENV"` line whose file, from `top` (the checkout's top), is literal
    `NAME=value` lines written as their `printf`; other lines as they are."""

    def one(match: re.Match[str]) -> str:
        path = match["path"]
        if path.startswith("/") or ".." in path.split("/"):
            return match.group(0)
        content = load(posixpath.normpath(posixpath.join(top, path)))
        lines = [line.strip() for line in content.splitlines() if line.strip()] if content else []
        if not lines or not all(_PAIR_RE.fullmatch(line) for line in lines):
            return match.group(0)
        words = " ".join(f"'{line}'" for line in lines)
        return f"{match['indent']}printf '%s\\n' {words} >> {match['env']}"

    text = with_env_file_actions(text, top, load)  # `cardinalby/export-env-action` with `envFile:`
    return _CAT_RE.sub(one, text) if "GITHUB_ENV" in text else text
