"""Images compose names after its project: a service built without `image:` is tagged `<project>-<service>`
(`<project>_<service>` before Compose v2), `latest` (pure).

The project is the compose file's directory unless `name:` or COMPOSE_PROJECT_NAME says otherwise, and a CI
checkout's directory is known only when CI runs (a GitHub runner's is the repository's name; a developer's clone may
be called anything). So a CI step that runs `docker container run --rm docker-elk-kibana` after `docker compose
build` runs what compose made here, in a checkout named docker-elk: any project name is taken. A use is built here
when its name has no registry, no namespace and no tag but `latest`, and is a project name (lowercase letters, digits,
`-`, `_`) joined by `-` or `_` to a service that a compose file of the tree builds without `image:`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import DOCKER_HUB, parse_reference

_PROJECT_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")


def unnamed_services(compose: Iterable[tuple[str, ComposeBuild]]) -> dict[str, str]:
    """Service name -> where compose builds it without `image:` (`service kibana of docker-compose.yml`)."""
    services: dict[str, str] = {}
    for shown, build in compose:
        if build.built is None and build.service:
            services.setdefault(build.service, f"compose build: of service {build.service} (no image:) in {shown}")
    return services


def _service_of(name: str, services: Mapping[str, str]) -> str | None:
    """The service `name` is `<project>-<service>` or `<project>_<service>` of, if any."""
    for at, char in enumerate(name):
        if char in "-_" and name[at + 1 :] in services and _PROJECT_RE.fullmatch(name[:at]):
            return name[at + 1 :]
    return None


def compose_named(found: Iterable[Found], services: Mapping[str, str]) -> list[Found]:
    """`found`, each use of a name compose gives a service it builds here marked built (`Found.built`)."""
    out: list[Found] = []
    for item in found:
        service = None
        if services and item.problem is None and item.built is None:
            try:
                ref = parse_reference(item.text)
            except ReferenceError_:
                ref = None
            simple = ref is not None and ref.registry == DOCKER_HUB and ref.repository.startswith("library/")
            if ref is not None and simple and ref.digest is None and ref.tag in (None, "latest"):
                service = _service_of(ref.repository.removeprefix("library/"), services)
        named = f"{services[service]}, named after its project" if service else None
        out.append(dataclasses.replace(item, built=named) if named else item)
    return out
