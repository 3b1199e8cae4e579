"""The builds of a compose file's services: the Dockerfile each builds, the arguments it passes, and the name of
the image it makes, which no registry serves (pure)."""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from ecr_mirror.choose.discovery.compose_shape import always_builds, compose_services, pulls_before_building
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference


@dataclass(frozen=True, slots=True)
class ComposeBuild:
    """A service's `build:` (or a bake target's build): the Dockerfile it builds (path from the compose file's
    directory, or inline text), the build arguments it passes, and the name of the image it makes (not pulled)."""

    dockerfile: str
    inline: str | None
    args: dict[str, str]
    built: str | None
    line: int | None = None  # of the service's `image:`
    # bake's `contexts`, compose's `additional_contexts`: a `FROM NAME` (`COPY --from=NAME`) of these is no image
    named_contexts: frozenset[str] = frozenset()
    service: str = ""  # the compose service's name
    always_built: bool = False  # `pull_policy: build` or `never`: the image is never pulled


def _build_args(raw: object, values: Mapping[str, str | None]) -> dict[str, str]:
    """`args:` as a mapping or as `NAME=value` / `NAME` items; `NAME` alone takes the environment's (.env) value."""
    pairs: list[tuple[str, object]] = []
    if isinstance(raw, dict):
        pairs = [(str(name), value) for name, value in raw.items()]
    elif isinstance(raw, list):
        for item in raw:
            name, sep, written = str(item).partition("=")
            pairs.append((name, written if sep else values.get(name)))
    args: dict[str, str] = {}
    for name, value in pairs:
        if value is None:
            continue
        with contextlib.suppress(Unset, Malformed):
            args[name] = expand(str(value), values, dollar_escape=True)
    return args


def _named_contexts(raw: object) -> frozenset[str]:
    """The names of `additional_contexts:`, a mapping or `NAME=source` items
    (https://docs.docker.com/reference/compose-file/build/#additional_contexts)."""
    if isinstance(raw, dict):
        return frozenset(str(name) for name in raw)
    if isinstance(raw, list):
        return frozenset(str(item).partition("=")[0] for item in raw if "=" in str(item))
    return frozenset()


def _interpolated(path: str, values: dict[str, str | None]) -> str:
    """A build's `context` or `dockerfile` with the values compose interpolates it with (`.env`, defaults); as
    written when a variable has none."""
    with contextlib.suppress(Unset, Malformed):
        return expand(path, values, dollar_escape=True)
    return path


def compose_builds(
    text: str, origin: str, dotenv: Mapping[str, str] | None = None, pulled: frozenset[str] = frozenset()
) -> list[ComposeBuild]:
    """The builds of the compose file's services (Git URL contexts left out: their files are not here); `pulled`:
    the services a `docker compose pull` of the tree pulls, whose image is then not the build's."""
    values: dict[str, str | None] = dict(dotenv or {})
    builds: list[ComposeBuild] = []
    for doc in load_documents(text, origin):
        services = compose_services(doc)
        for name, service in services.items() if services is not None else ():
            build = service.get("build") if isinstance(service, dict) else None
            spec = {"context": build} if isinstance(build, str) else build
            if not isinstance(spec, dict):
                continue
            context = _interpolated(str(spec.get("context") or "."), values)
            if "://" in context or context.startswith("git@"):
                continue
            dockerfile = posixpath.join(context, _interpolated(str(spec.get("dockerfile") or "Dockerfile"), values))
            inline = spec.get("dockerfile_inline")
            image = service.get("image")
            line = line_of(image)
            with contextlib.suppress(Unset, Malformed):
                image = expand(image, values, dollar_escape=True) if isinstance(image, str) else None
            if pulls_before_building(service, values, name, pulled):
                image = None  # pulled, built only when the pull fails: not an image of this tree's
            builds.append(
                ComposeBuild(
                    dockerfile,
                    inline if isinstance(inline, str) else None,
                    _build_args(spec.get("args"), values),
                    image,
                    line,
                    named_contexts=_named_contexts(spec.get("additional_contexts")),
                    service=str(name),
                    always_built=always_builds(service, values),
                )
            )
    return builds


def repository(reference: str) -> str:
    """The repository a reference names, normalised (`acme-api:latest` -> `docker.io/library/acme-api`); the text
    itself when it is no reference."""
    try:
        return parse_reference(reference).name
    except ReferenceError_:
        return reference


def moved_builds(builds: list[ComposeBuild], alone: list[ComposeBuild]) -> frozenset[str]:
    """The services of `builds` (a compose file read with a command's environment) whose image
    is in another repository than in `alone` (the file read by itself: `.env`, defaults), and that a pull may serve
    (no `pull_policy: build` or `never`): `IMAGE_REGISTRY=ghcr.io/acme/` over `${IMAGE_REGISTRY:-}acme-api:latest`
    names the project's published image, which `docker compose up` pulls before building
    (https://docs.docker.com/reference/compose-file/build/#using-build-and-image); a tag alone changed is the job's
    own build."""
    own = {build.service: build.built for build in alone}
    return frozenset(
        build.service
        for build in builds
        if build.built
        and not build.always_built
        and repository(build.built) != repository(own.get(build.service) or build.built)
    )
