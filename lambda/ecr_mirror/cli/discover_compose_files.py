"""Compose files known by the command that runs them, not by their name: `docker compose -f docker-compose.postgres
pull db` in a workflow step or a script makes `docker-compose.postgres` a compose file of the tree.

The commands are those of the tree's scripts (Makefiles, shell scripts, ...) and CI files whose steps are commands,
read as their `docker compose` runs are (choose/discovery/workflow_steps.py: `up`, `run`, `pull`, `create`,
`start`; `down` or `ps` pull nothing), with the file's own literal variables, a variable whose values are a compose
command standing for it (`$(DOCKER_COMPOSE) -f docker-compose.static up`). So are the `-f` files of a `config` whose
output (`> FILE`, `-o FILE`, `--output FILE`) a later run of the same file reads, by `-f FILE` or as compose's
default file of its directory (`docker-compose --file docker-compose.tpl config > ./docker-compose.yml` then
`docker-compose up -d`: `config` prints the model the files make, interpolated, and the run pulls its images,
https://docs.docker.com/reference/cli/docker/compose/config/). A `-f` path is looked up from the
directory of the file that names it, then from up to three directories above it (a workflow runs from the
repository's top, a script from wherever it is called). A file found so is read as a compose file when it is of no
kind the walk reads already, is not yet read, and is YAML shaped like a compose file (compose_shape.py).

So is a template a script renders with envsubst (`envsubst < docker-compose.yml.tmpl > artifacts/docker-compose.yml`),
looked up from the script's directory, with the values of the files the script sources and its own
(choose/discovery/envsubst_templates.py) in place of a `.env`. An absolute path (`source /etc/os-release`, `envsubst <
/etc/nginx/templates/default.conf.template`) names a file of the machine the script runs on, not of the tree: not
read.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.compose_shape import looks_like_compose
from ecr_mirror.choose.discovery.envsubst_templates import rendered_environment, rendered_templates, sourced_files
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.program_variables import named_programs
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.workflow_steps import COMPOSE_RE, DEFAULT_FILES, compose_files
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.cli.discover_scripts import STEP_KINDS
from ecr_mirror.cli.discover_walk import Walk
from ecr_mirror.errors import ConfigError

Read = Callable[..., str | None]
_ABOVE = 3
_REDIRECT_RE = re.compile(r"[^;&|<>#]*?(?<![0-9&])>[ \t]*(?P<out>[^\s;&|<>]+)")  # `... > FILE` (not `2>`)
_OUTPUT = ("-o", "--output")


def _rendered(words: list[str], rest: str, values: ShellValues) -> tuple[tuple[str, ...], str] | None:
    """(the `-f` files, the output file) of `docker compose WORDS` when it is a `config` whose output goes to a
    file (`-o FILE`, `--output FILE`, or a `> FILE` redirection in `rest`, the line after the command); else None."""
    if "config" not in words:
        return None
    index = words.index("config")
    files = compose_files([*words[:index], "up"], values)
    if files is False:
        return None
    after = words[index + 1 :]
    out = next((after[at + 1] for at, word in enumerate(after[:-1]) if word in _OUTPUT), None)
    out = out or next((word.removeprefix("--output=") for word in after if word.startswith("--output=")), None)
    redirect = _REDIRECT_RE.match(rest)
    out = out or (redirect["out"] if redirect is not None else None)
    return (files or DEFAULT_FILES[2:3], out) if out and "$" not in out else None


def _reads(files: tuple[str, ...] | None, out: str) -> bool:
    """Whether a compose run of `files` (None: the default files) reads the rendered file `out`."""
    if files is None:
        return os.path.dirname(os.path.normpath(out)) == "" and os.path.basename(out) in DEFAULT_FILES
    return os.path.normpath(out) in {os.path.normpath(name) for name in files}


def _named(text: str, shown: str) -> list[str]:
    """The `-f` files of the compose runs in `text` that pull (as written, relative paths); a variable naming the
    compose command is read as it (`$(DOCKER_COMPOSE) -f docker-compose.static up`; program_variables.py)."""
    yaml = shown.endswith((".yml", ".yaml"))
    text = named_programs(text, yaml=yaml)
    values = ShellValues.of(text, yaml=yaml)
    names: list[str] = []
    renderings: list[tuple[tuple[str, ...], str]] = []  # `config` outputs not yet run
    for _, joined in joined_lines(text):
        starts = CommandStarts(joined)
        for match in COMPOSE_RE.finditer(joined):
            if not starts.runs_at(match.start()):
                continue
            words = command_words(joined, match.end())
            files = compose_files(words, values)
            if files is False:
                rendering = _rendered(words, joined[match.end() :], values)
                renderings += [rendering] if rendering is not None else []
                continue
            for sources, _ in [item for item in renderings if _reads(files, item[1])]:
                names += [name for name in sources if name not in names]
            names += [name for name in files or () if name not in names]
    return names


def located(name: str, origin: Path) -> Path | None:
    """The file `name` is, looked up from `origin`'s directory and a few above it, as the walk shows it (no further
    up than the top of a walk given a relative path); None when there is none."""
    if Path(name).is_absolute() or "$" in name:
        return None
    directory = origin.parent
    for _ in range(_ABOVE + 1):
        candidate = Path(os.path.normpath(directory / name))
        if candidate.parts[:1] != ("..",) and candidate.is_file():
            return candidate
        directory = directory.parent
    return None


def _compose_shaped(shown: str, path: Path, read: Read) -> bool:
    text = read(shown, path, quiet_missing=True)
    if text is None:
        return False
    documents: list[object] = []
    with contextlib.suppress(ConfigError):
        documents = load_documents(text, shown)
    return any(looks_like_compose(doc) for doc in documents)


def with_named_compose_files(walk: Walk, read: Read) -> Walk:
    """`walk` with the compose files the commands of its scripts and CI files name and no name of theirs says."""
    commands = [(shown, path) for shown, path, kind in walk.files if kind in STEP_KINDS] + walk.scripts
    known = {path.absolute() for _, path, _ in walk.files}
    for shown, path in commands:
        text = read(shown, path, quiet_missing=True)
        if text is None or "compose" not in text:
            continue
        for name in _named(text, shown):
            found = located(name, path)
            if found is None or kind_of(found.absolute()) is not None or found.absolute() in known:
                continue
            if _compose_shaped(str(found), found, read):
                walk.files.append((str(found), found, Kind.COMPOSE))
                known.add(found.absolute())
    return walk


def _environment(text: str, script: Path, names: frozenset[str] | None, read: Read) -> dict[str, str]:
    """The values a script gives envsubst: those of the files it sources (found beside it), then its own."""
    texts = []
    for name in sourced_files(text):
        if "$" not in name and not os.path.isabs(name) and (path := script.parent / name).is_file():
            texts.append(read(str(path), path, quiet_missing=True) or "")
    return rendered_environment([*texts, text], names)


def with_rendered_templates(walk: Walk, read: Read) -> Walk:
    """`walk` with the compose templates its scripts render with envsubst, each with the values it is rendered with
    (in `walk.environments`; a template two scripts render keeps the values both give alike)."""
    known = {path.absolute() for _, path, _ in walk.files}
    for shown, script in walk.scripts:
        text = read(shown, script, quiet_missing=True)
        if text is None or "envsubst" not in text:
            continue
        for name, names in rendered_templates(text):
            path = Path(os.path.normpath(script.parent / name))
            if "$" in name or os.path.isabs(name) or not path.is_file() or kind_of(path.absolute()) is not None:
                continue
            environment = _environment(text, script, names, read)
            if path.absolute() in walk.environments:
                before = walk.environments[path.absolute()]
                walk.environments[path.absolute()] = {k: v for k, v in before.items() if environment.get(k) == v}
            elif path.absolute() not in known and _compose_shaped(str(path), path, read):
                walk.files.append((str(path), path, Kind.COMPOSE))
                walk.environments[path.absolute()] = environment
                known.add(path.absolute())
    return walk
