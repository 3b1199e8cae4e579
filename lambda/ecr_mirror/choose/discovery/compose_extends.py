"""A compose service's `extends:` (pure): the service it extends, in the same file (`extends: base`, `extends:
{service: base}`) or another (`extends: {file: common/services.yml, service: webapp}`), as `docker compose` reads it
(https://docs.docker.com/compose/how-tos/multiple-compose-files/extends/).

The service takes what the service it extends sets, its own keys over them: its image unless it sets its own, and its
`build:` too (a service that builds, by its own `build:` or an inherited one, names with `image:` what it builds).
The file a compose file extends is relative to the project directory, its own unless compose is run with
`--project-directory` (`docker compose --project-directory . -f tests/e2e/compose.yml up` from the top of the tree):
looked up beside it, then in up to three directories above it. The extended file's relative paths are relative to
it (a further `extends.file`), and its `${VAR}`s take the values of the project, the `.env` beside the file compose
is run with, not one beside the extended file. A file that cannot be read or parsed, a service it does not have, or
a cycle leaves the service's image unknown, with the reason.
"""

from __future__ import annotations

import contextlib
import dataclasses
import posixpath
from collections.abc import Callable, Mapping
from typing import Any

from ecr_mirror.choose.discovery.compose_shape import compose_services
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

# the text of a file extended, by its path joined to the extending file's directory; None when it cannot be read
Load = Callable[[str], str | None]
_DEPTH = 10
_ABOVE = 3  # directories above a compose file where its project directory may be


@dataclasses.dataclass(frozen=True)
class Extended:
    """A service with what it extends: `fields` (its own keys over those of the services it extends), the file
    whose `image:` it takes (`image_origin`), the line of its `extends:` (`line`), and why what it extends is
    unknown (`problem`)."""

    fields: dict[Any, Any]
    image_origin: str
    line: int | None = None
    problem: str | None = None


def _target(extends: object, values: Mapping[str, str | None]) -> tuple[str | None, str | None, int | None]:
    """(service, file or None for the same file, line) an `extends:` names; the file's `${VAR}`s expanded."""
    if isinstance(extends, str):
        return extends, None, line_of(extends)
    if not isinstance(extends, dict) or not isinstance(extends.get("service"), str):
        return None, None, None
    service, file = extends["service"], extends.get("file")
    line = line_of(service)
    if not isinstance(file, str) or not file.strip():
        return service, None, line
    with contextlib.suppress(Unset, Malformed):
        return service, expand(file.strip(), dict(values), dollar_escape=True), line
    return service, "$", line


def _above(origin: str, file: str) -> list[str]:
    """`file` joined to the directories above `origin`'s, up to the top of the tree (`origin` as the walk shows
    it, relative to its top) and no further than _ABOVE."""
    if posixpath.isabs(file) or posixpath.isabs(origin):
        return []
    directory, paths = posixpath.dirname(posixpath.normpath(origin)), list[str]()
    while directory and len(paths) < _ABOVE:
        directory = posixpath.dirname(directory)
        paths.append(posixpath.normpath(posixpath.join(directory, file)))
    return paths


class _Files:
    """The services of each extended file, each loaded once."""

    def __init__(self, load: Load | None) -> None:
        self._load = load
        self._services: dict[str, dict[Any, Any] | str] = {}

    def found(self, paths: list[str]) -> str:
        """The first of `paths` that is read (the first when none is)."""
        return next((path for path in paths if isinstance(self.services(path), dict)), paths[0])

    def services(self, path: str) -> dict[Any, Any] | str | None:
        """`path`'s services, or why there are none; None when no file is read (a file read alone)."""
        if self._load is None:
            return None
        if path not in self._services:
            self._services[path] = self._read(path)
        return self._services[path]

    def _read(self, path: str) -> dict[Any, Any] | str:
        text = self._load(path) if self._load is not None else None
        if text is None:
            return f"{path}, which cannot be read"
        try:
            documents = load_documents(text, path)
        except ConfigError:
            return f"{path}, which does not parse as YAML"
        for doc in documents:
            services = compose_services(doc)
            if services is not None:
                return services
        return f"{path}, which has no services"


def extended_services(
    services: Mapping[Any, Any], origin: str, values: Mapping[str, str | None], load: Load | None = None
) -> dict[Any, Extended]:
    """Each service of `services` (those of the compose file `origin`) with what it extends."""
    files = _Files(load)
    return {
        name: _extended(name, dict(services), origin, values, files, ())
        for name, service in services.items()
        if isinstance(service, dict)
    }


def _extended(
    name: object,
    services: dict[Any, Any],
    origin: str,
    values: Mapping[str, str | None],
    files: _Files,
    seen: tuple[tuple[str, str], ...],
) -> Extended:
    service = services.get(name)
    if not isinstance(service, dict):
        return Extended({}, origin, problem=f"no service {name} in {origin}")
    fields = {key: value for key, value in service.items() if key != "extends"}
    base_name, file, line = _target(service.get("extends"), values)
    if base_name is None:
        return Extended(fields, origin)
    path = origin if file is None else posixpath.normpath(posixpath.join(posixpath.dirname(origin), file))
    if file is not None and not seen:  # run with `--project-directory` above it, compose looks from there
        path = files.found([path, *_above(origin, file)])
    where = f"service {base_name} of {file or origin}"
    if file == "$":
        return Extended(fields, origin, line, f"extends {where}: its file names a variable without a value")
    chain = (*seen, (posixpath.normpath(origin), str(name)))
    if (posixpath.normpath(path), base_name) in chain or len(chain) > _DEPTH:
        return Extended(fields, origin, line, f"extends {where}, a cycle of extends")
    base_services = services if file is None else files.services(path)
    if base_services is None:
        return Extended(fields, origin)
    if isinstance(base_services, str):
        return Extended(fields, origin, line, f"extends {where}: {base_services}")
    if not isinstance(base_services.get(base_name), dict):
        return Extended(fields, origin, line, f"extends {where}, which it does not have")
    base = _extended(base_name, base_services, path, values, files, chain)
    image_origin = origin if "image" in fields else base.image_origin
    return Extended({**base.fields, **fields}, image_origin, line, base.problem)
