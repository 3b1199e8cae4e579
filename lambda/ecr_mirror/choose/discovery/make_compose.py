"""The values a Makefile gives the compose files its recipes run (pure).

`IMAGE?=redis:8.6.2` and `export IMAGE` in a Makefile, then `docker compose -f $(COMPOSE_FILE) up` in a recipe: compose
sees IMAGE in its environment, over the compose file's `${IMAGE:-redis:latest}` default and its `.env`. So does a
variable assigned before the command (`TAG=$(TAG) docker compose up`, `env TAG=1 docker-compose up`). Exported
are the names of `export NAME`, `export NAME = v` (or `:=`, `?=`), or every variable after `.EXPORT_ALL_VARIABLES:`;
each takes the Makefile's one literal value (a name with none or two is left out, and compose falls back to its
default). The recipe's commands run in the Makefile's directory, which `-f` paths are relative to. The runs found are
read as a workflow step's are (cli/discover_workflows.py): an image that differs from the compose file's own reading
is listed too, its use naming the Makefile's line.
"""

from __future__ import annotations

import os
import re

from ecr_mirror.choose.discovery.compose_commands import pulled_services, pulls_first
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.workflow_steps import (
    COMPOSE_RE,
    ComposeRun,
    compose_files,
)

_EXPORT_RE = re.compile(r"^[ \t]*export[ \t]+([A-Za-z_][\w \t]*?)[ \t]*(?:(?::::=|::=|:=|\?=|\+=|=).*)?$", re.MULTILINE)
_EXPORT_ALL_RE = re.compile(r"^\.EXPORT_ALL_VARIABLES[ \t]*:", re.MULTILINE)
_PREFIX_RE = re.compile(r"(?:^|\s)([A-Za-z_]\w*)=(\S*)")
_SEPARATORS_RE = re.compile(r"[;&|]|\benv\b")


def _exported(text: str, values: ShellValues) -> dict[str, str]:
    """The exported variables that have one literal value, with it."""
    names = set(values.values) if _EXPORT_ALL_RE.search(text) else set()
    for match in _EXPORT_RE.finditer(text):
        names |= set(match.group(1).split())
    out: dict[str, str] = {}
    for name in sorted(names):
        value, problem = values.resolve(f"$({name})")
        if problem is None:
            out[name] = value
    return out


def prefixed_assignments(before: str, values: ShellValues) -> dict[str, str]:
    """`A=1 B=$(B) docker compose ...`: the assignments right before the command (after the last separator)."""
    segment = _SEPARATORS_RE.split(before)[-1]
    out: dict[str, str] = {}
    for name, written in _PREFIX_RE.findall(segment):
        words = command_words(written)
        value, problem = values.resolve(words[0] if words else "")
        if problem is None:
            out[name] = value
    return out


def makefile_compose_runs(text: str, origin: str, *, every: bool = False) -> list[ComposeRun]:
    """The recipe lines of a Makefile that run compose, with the environment the Makefile gives them (only those
    given one, or pulling built services, unless `every`: a caller with an environment of its own)."""
    if "compose" not in text:
        return []
    # a recipe line (`\tTAG=$(TAG) docker compose up`) sets a shell variable, not a make one
    values = ShellValues.of("\n".join(line for line in text.splitlines() if not line.startswith("\t")))
    exported = _exported(text, values)
    directory = os.path.dirname(origin)
    runs: list[ComposeRun] = []
    for line, joined in joined_lines(text):
        if joined.lstrip().startswith("#"):
            continue
        for match in COMPOSE_RE.finditer(joined):
            before = joined[: match.start()]
            if not in_command_position(before):
                continue
            words = command_words(joined[match.end() :])
            env = {**exported, **prefixed_assignments(before, values)}
            pulls = pulled_services(words)
            files = compose_files(words, values)
            if files is not False and (env or pulls or every):
                items = tuple(sorted(env.items()))
                first = pulls_first(words)
                runs.append(ComposeRun(files or None, directory, items, origin, line, pulls, pulls_first=first))
    return runs
