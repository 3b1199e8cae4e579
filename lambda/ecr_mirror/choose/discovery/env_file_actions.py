"""The env an env-file action of a workflow step gives the steps after it (pure).

`cardinalby/export-env-action` (and its forks, `artursouza/export-env-action`) reads the files its `envFile` input
names (several joined by `|`, from the checkout's top) with the dotenv parser, `NAME=value` and `NAME: value` lines,
expands `${NAME}` of earlier lines when `expand` is `true`, and exports every variable to the job's env for the
steps after it (https://github.com/cardinalby/export-env-action#inputs): dapr/quickstarts' `.github/env/global.env`
gives `KUBERNETES_VERSION` and `KIND_IMAGE_SHA` to the kind configuration a later step writes. Such a step is written
as the `printf` of those `NAME=value` lines appended to `$GITHUB_ENV` (the line keeps its number), which the readers
of later steps take as they take a step's own writes (github_env_writes.py). Not read: a step with a `filter` or with
`export: false`, a file not in the tree or outside it, a line of another shape, a value that stays with a `$` or a
blank.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ecr_mirror.choose.discovery.dotenv import parse_dotenv

Load = Callable[[str], str | None]  # the text of a file of the tree (a path as shown), None when there is none

_ACTIONS = frozenset({"cardinalby/export-env-action", "artursouza/export-env-action"})
_USES_RE = re.compile(
    r"^(?P<lead>[ \t]*(?:-[ \t]+)?)uses:[ \t]*[\"']?(?P<action>[\w.-]+/[\w.-]+)@[^\s\"'#]+[\"']?[ \t]*(?:#.*)?$"
)
_INPUT_RE = re.compile(r"^[ \t]*(?P<key>[\w-]+):[ \t]*(?P<value>.*?)[ \t]*(?:#.*)?$")
_LINE_RE = re.compile(r"^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][\w.-]*)(?:[ \t]*=|:[ \t]+)(?P<value>.*)$")
_VALUE_RE = re.compile(r"[^\s'\"$`\\]*")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _inputs(lines: list[str], at: int, column: int) -> dict[str, str]:
    """The `with:` inputs of the step whose keys start at `column`, its `uses:` at line index `at`."""
    start = at
    while start > 0 and not lines[start].lstrip().startswith("-") and _indent(lines[start - 1]) >= column - 2:
        start -= 1
    end = at + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= column):
        end += 1
    inputs: dict[str, str] = {}
    block = False
    for line in lines[start:end]:
        if _indent(line) == column or line.lstrip().startswith("-"):
            block = line.strip().removeprefix("-").strip() == "with:"
        elif block and (match := _INPUT_RE.match(line)) is not None:
            inputs[match["key"]] = match["value"].strip("'\"")
    return inputs


def _exported(inputs: dict[str, str], top: str, load: Load) -> list[str] | None:
    """The `NAME=value` lines the action exports; None when they are not all known."""
    if not inputs.get("envFile") or "filter" in inputs or inputs.get("export", "true").lower() == "false":
        return None
    expand = inputs.get("expand", "false").lower() == "true"
    text: list[str] = []
    for path in (part.strip() for part in inputs["envFile"].split("|")):
        if not path or path.startswith("/") or ".." in path.split("/"):
            return None
        content = load(posixpath.normpath(posixpath.join(top, path)))
        if content is None:
            return None
        for line in (line for line in content.splitlines() if line.strip() and not line.lstrip().startswith("#")):
            if (match := _LINE_RE.match(line)) is None or ("$" in match["value"] and not expand):
                return None
            text.append(f"{match['name']}={match['value']}")
    values = parse_dotenv("\n".join(text))
    if not values or not all(_VALUE_RE.fullmatch(value) for value in values.values()):
        return None
    return [f"{name}={value}" for name, value in values.items()]


def with_env_file_actions(text: str, top: str, load: Load) -> str:
    """`text` (a workflow or an action) with each env-file action step's `uses:` line written as the `printf` of the
    `NAME=value` lines it exports appended to `$GITHUB_ENV`; other lines as they are."""
    if "export-env-action" not in text:
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _USES_RE.match(line)
        if match is None or match["action"].lower() not in _ACTIONS:
            continue
        pairs = _exported(_inputs(lines, index, len(match["lead"])), top, load)
        if pairs:
            words = " ".join(f"'{pair}'" for pair in pairs)
            lines[index] = f"{match['lead']}run: printf '%s\\n' {words} >> \"$GITHUB_ENV\""
    return "\n".join(lines)
