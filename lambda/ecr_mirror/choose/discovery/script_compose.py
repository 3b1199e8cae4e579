"""The variables a shell script gives the compose files it runs (pure).

A demo's `scripts/start.sh` sources `env.sh`, which says `export REPOSITORY=${REPOSITORY:-confluentinc}`, then runs
`docker compose up -d kafka1`: compose reads `${REPOSITORY}` in the compose file from its environment, which holds
the names the script exports (https://docs.docker.com/compose/how-tos/environment-variables/envvars-precedence/:
the shell's environment over `.env`). The script's text here is the one `cli/discover_script_texts.scripts_read` gives,
with the one-line assignments of the libraries it sources appended (sourced_libraries.py), so a library's
`export NAME=v` is the script's. Exported are the names of `export NAME=v`, `export NAME`, `declare -x NAME=v`, each
with the one literal value the text gives it (a name with none, or two, is left out: compose then takes `.env` or
the file's default), and the assignments written before the command (`TAG=1 docker compose up`). A shell variable
that is not exported (`REPOSITORY=confluentinc`) is not in compose's environment. Compose run through a variable the
script sets only to a compose command (`DOCKER_COMPOSE_CMD="docker compose"`, else `"docker-compose"`, by what is
installed; then `$DOCKER_COMPOSE_CMD -f localnet/docker-compose.yml up`) is read as that command.

Without `-f`, compose reads the default file of the directory it runs in or, when there is none, of the nearest
directory above (https://docs.docker.com/compose/intro/compose-application-model/#the-compose-file); the script is
taken to run in its own directory, as `./start.sh` runs, and the search goes up from there (`upward`). A `cd` to a
literal relative path moves it, and so does one to a path from the script's own directory (`pushd
"$script_dir/docker"` after `script_dir=$(dirname "$(readlink -f "$BASH_SOURCE")")`); a `cd` to another path with a
variable leaves the directory unknown, and the compose
commands after it are not read. `-f` paths are relative to that directory, or, when none names a compose file of the
tree there, to the nearest directory above where one does (a script run from the top, `./localnet/manage.sh`, with
`-f localnet/docker-compose.yml`). The runs are read as a Makefile's are
(cli/discover_workflows.py): an image that differs from the compose file's own reading is listed too, its use naming
the script's line.
"""

from __future__ import annotations

import os
import re

from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.compose_commands import pulled_services, pulls_first
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.make_compose import prefixed_assignments
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import own_place
from ecr_mirror.choose.discovery.workflow_steps import (
    COMPOSE_RE,
    ComposeRun,
    changed_directory,
    compose_files,
)

_EXPORT_RE = re.compile(r"^[ \t]*(?:export|declare[ \t]+-\w*x\w*)[ \t]+(.*)$", re.MULTILINE)
_NAME_RE = re.compile(r"^([A-Za-z_]\w*)(?:=|$)")
_CD_RE = re.compile(r"(?<![\w./-])(?:cd|pushd)(?=[ \t])")
_ASSIGNED_RE = re.compile(r"(?<![\w$])([A-Za-z_]\w*)=[\"']?(?:docker[ \t]+compose|docker-compose|podman-compose)\b")
_COMPOSE_COMMANDS = frozenset({"docker compose", "docker-compose", "podman-compose"})


def _command_variables(text: str, values: ShellValues) -> re.Pattern[str] | None:
    """`$NAME`, `${NAME}` (quoted or not) of the names the script sets only to a compose command (`COMPOSE_CMD="docker
    compose"` in one branch, `"docker-compose"` in the other, by what is installed), or None."""
    names = sorted(
        name
        for name in {match.group(1) for match in _ASSIGNED_RE.finditer(text)}
        if (each := values.resolve_each(f"${{{name}}}")) and all(v in _COMPOSE_COMMANDS and not p for v, p in each)
    )
    if not names:
        return None
    return re.compile(r"\"?\$(?:\{(?:" + "|".join(names) + r")\}|(?:" + "|".join(names) + r")(?!\w))\"?")


def _exported(text: str, values: ShellValues) -> dict[str, str]:
    """The names `text` exports that have one literal value, with it."""
    names: set[str] = set()
    for match in _EXPORT_RE.finditer(text):
        words = command_words(match.group(1))
        names |= {found.group(1) for word in words if (found := _NAME_RE.match(word))}
    out: dict[str, str] = {}
    for name in sorted(names):
        value, problem = values.resolve(f"${{{name}}}")
        if problem is None:
            out[name] = value
    return out


def _in_substitution(before: str) -> bool:
    """Whether the text before a word is inside a `$( ... )` not closed yet (`DIR="$( cd "$(dirname "$0")" ...`)."""
    return before.count("$(") > before.count(")")


def script_compose_runs(text: str, origin: str) -> list[ComposeRun]:
    """The lines of a shell script (`origin`, as shown) that run compose, with the variables the script exports."""
    if "compose" not in text:
        return []
    values = ShellValues.of(text)
    exported = _exported(text, values)
    commands = _command_variables(text, values)  # `$COMPOSE_CMD -f ... up`: read as `docker compose -f ... up`
    where: str | None = os.path.dirname(origin)
    runs: list[ComposeRun] = []
    for line, written in joined_lines(text):
        if written.lstrip().startswith("#"):
            continue
        joined = commands.sub("docker compose", written) if commands is not None else written
        starts = CommandStarts(joined)
        moves = [
            (cd.start(), command_words(joined, cd.end()))
            for cd in _CD_RE.finditer(joined)
            if starts.runs_at(cd.start()) and not _in_substitution(joined[: cd.start()])
        ]
        for match in COMPOSE_RE.finditer(joined):
            for _, words in (move for move in moves if move[0] < match.start()):
                where = _moved(where, words, values, origin)
            moves = [move for move in moves if move[0] > match.start()]
            if where is None or not starts.runs_at(match.start()):
                continue
            words = command_words(joined, match.end())
            files = compose_files(words, values)
            if files is False:
                continue
            env = {**exported, **prefixed_assignments(joined[: match.start()], values)}
            if env:
                items = tuple(sorted(env.items()))
                pulls = pulled_services(words)
                first = pulls_first(words)
                runs.append(
                    ComposeRun(files or None, where, items, origin, line, pulls, upward=True, pulls_first=first)
                )
        for _, words in moves:
            where = _moved(where, words, values, origin)
    return runs


def _moved(where: str | None, words: list[str], values: ShellValues, origin: str) -> str | None:
    """The directory after `cd WORDS`: a literal relative path from `where` (changed_directory), or one built from the
    script's own directory (`pushd "$script_dir/docker"`, sourced_paths.own_place) from the script's."""
    target = next((word for word in words if not word.startswith("-")), None)
    if target is None or "$" not in target or (own := own_place(target, values.values)) is None:
        return changed_directory(where, words)
    joined = os.path.normpath(os.path.join(os.path.dirname(origin), own))
    return None if joined.startswith("..") or os.path.isabs(joined) else ("" if joined == "." else joined)
