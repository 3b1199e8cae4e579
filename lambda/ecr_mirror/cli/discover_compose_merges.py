"""Compose files merged into one project, and the images one of them names for a service another builds.

Compose merges the files of one project service by service (https://docs.docker.com/compose/how-tos/multiple-compose-
files/merge/): a service that one file builds (`build:`) and another names (`image:`) builds that image; nothing pulls
it. The projects read here: the files of one compose command given several `-f` (`docker compose -f
docker-compose.yml -f ci/compose.ci.yml up`, in the tree's scripts and CI files, each `-f` path looked up as a
command's compose file is: from the directory of the file naming it and up to three above), the files of one
`docker_compose([...])` call of a Tiltfile (from the Tiltfile's directory, https://docs.tilt.dev/api.html#api.docker_compose:
speckle-server's `tests/deployment/docker-compose/Tiltfile` merges the top `docker-compose-speckle.yml`, which builds
`speckle-server` as `speckle/speckle-server:local`, with an override naming it `speckle/speckle-server`), and a
`compose.override.yaml` (`docker-compose.override.yml`, ...) beside the file of its name without `.override`, which
compose reads with it by default (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/). The
merged service's image is the `image:` of the last file naming one (a later file's replaces an earlier's): when
another file of the project builds the service, that `image:` is marked built here, naming the service and the file
that builds it. An earlier file's `image:` that a later one replaces is left as it is: pulumi's self-hosted
installer pulls `pulumi/service:latest@sha256:...` from its `docker-compose.yml` alone, while the development
`docker-compose.override.yml` builds the service as `pulumi/service:scratch`. A path with a variable, a file that
is not a compose file of the walk or not YAML, names no project member.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.tilt import tilt_compose_groups
from ecr_mirror.choose.discovery.workflow_steps import COMPOSE_RE
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.cli.discover_compose_files import located
from ecr_mirror.errors import ConfigError

Read = Callable[..., str | None]
_OVERRIDE_RE = re.compile(r"(?P<stem>(?:docker-)?compose)\.override\.(?P<extension>ya?ml)")
_FILE_OPTIONS = ("-f", "--file")


def _command_groups(text: str) -> list[tuple[str, ...]]:
    """The `-f` files of each compose command of `text` that gives two or more, as written."""
    groups: list[tuple[str, ...]] = []
    for _, joined in joined_lines(text):
        for match in COMPOSE_RE.finditer(joined):
            words, files, index = command_words(joined, match.end()), [], 0
            while index < len(words) and words[index].startswith("-"):
                if words[index] in _FILE_OPTIONS and index + 1 < len(words):
                    files.append(words[index + 1])
                    index += 1
                elif words[index].startswith("--file="):
                    files.append(words[index].removeprefix("--file="))
                index += 1
            if len(files) > 1 and not any("$" in name for name in files):
                groups.append(tuple(files))
    return groups


def _projects(texts: Mapping[str, str], composes: Mapping[str, str]) -> list[list[str]]:
    """The projects of two compose files or more (each its files' absolute paths, as `composes` keys them)."""
    projects: list[list[str]] = []
    for shown, text in texts.items():
        if kind_of(shown) is Kind.TILT:
            directory = Path(shown).parent
            groups = [[os.path.abspath(directory / name) for name in group] for group in tilt_compose_groups(text)]
        elif "compose" in text:
            groups = [
                [str(found.absolute()) if (found := located(name, Path(shown))) else "" for name in group]
                for group in _command_groups(text)
            ]
        else:
            continue
        projects += [[member for member in group if member in composes] for group in groups]
    for member in composes:
        if (override := _OVERRIDE_RE.fullmatch(os.path.basename(member))) is not None:
            base = os.path.join(os.path.dirname(member), f"{override['stem']}.{override['extension']}")
            projects += [[base, member]] if base in composes else []
    return [project for project in projects if len(set(project)) > 1]


def _services(text: str, shown: str) -> dict[str, tuple[bool, int | None]]:
    """Service name -> (whether it builds, the line of its `image:`), of a compose file's text."""
    try:
        documents = load_documents(text, shown)
    except ConfigError:
        return {}
    services = documents[0].get("services") if documents and isinstance(documents[0], Mapping) else None
    if not isinstance(services, Mapping):
        return {}
    return {
        str(name): ("build" in spec, line_of(spec.get("image")))
        for name, spec in services.items()
        if isinstance(spec, Mapping)
    }


def merged_builds(
    found: Iterable[Found], files: Iterable[tuple[str, Path, Kind]], texts: Mapping[str, str], read: Read
) -> list[Found]:
    """`found`, each `image:` of a compose file that another file of its project builds marked built here."""
    composes = {str(path.absolute()): shown for shown, path, kind in files if kind is Kind.COMPOSE}
    projects = _projects(texts, composes) if len(composes) > 1 else []
    services: dict[str, dict[str, tuple[bool, int | None]]] = {}
    for member in {member for project in projects for member in project}:
        text = read(composes[member], Path(member), quiet_missing=True)
        services[member] = _services(text, composes[member]) if text else {}
    marks: dict[tuple[str, int], str] = {}
    for project in projects:
        for service in {service for member in project for service in services[member]}:
            named = [m for m in project if services[m].get(service, (False, None))[1] is not None]
            builders = [m for m in project if services[m].get(service, (False, None))[0]]
            last = named[-1] if named else None  # a later file's `image:` replaces an earlier's
            if last is not None and builders and last not in builders:
                where = f"compose build: of service {service} in {composes[builders[0]]} (merged)"
                marks.setdefault((os.path.normpath(composes[last]), services[last][service][1] or 0), where)
    out: list[Found] = []
    for item in found:
        mark = marks.get((os.path.normpath(item.origin), item.line or 0)) if item.built is None else None
        out.append(dataclasses.replace(item, built=mark) if mark and item.kind == "compose file" else item)
    return out
