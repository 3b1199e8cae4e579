"""Image references, parsed and normalised the way Docker does (pure, no I/O).

    alpine                       -> docker.io/library/alpine:latest
    docker.io/bitnami/redis:7    -> docker.io/bitnami/redis:7
    localhost:5000/app@sha256:.. -> localhost:5000/app@sha256:..
    python:3.12@sha256:..        -> tag kept for display, the digest is what is copied

Grammar from distribution/reference (regexp.go, normalize.go).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.manifest import is_digest

DOCKER_HUB = "docker.io"
DOCKER_HUB_API = "registry-1.docker.io"
# Docker Hub's other host names: the same registry, token service and pull limits (Rails' generated Dockerfile says
# `FROM registry.docker.com/library/ruby`); normalised to docker.io, so they are copied, budgeted and named as Hub's
_HUB_ALIASES = {
    "docker.io",
    "index.docker.io",
    "registry-1.docker.io",
    "registry.docker.com",
    "registry.hub.docker.com",
}

_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN_RE = re.compile(rf"^(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[0-9a-fA-F:]+\])(?::[0-9]{{1,5}})?$")
_PATH_COMPONENT_RE = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")
# ASCII only: distribution's `[\w][\w.-]{0,127}` means ASCII word characters; Python's \w is Unicode.
_SPACE_RE = re.compile(r"\s")  # the characters str.isspace() names (checked code point by code point)
_TAG_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")
MAX_NAME_LENGTH = 255


@dataclass(frozen=True, slots=True)
class Reference:
    """A normalised image reference. `tag` and `digest` may both be set; the digest wins for copying."""

    registry: str
    repository: str
    tag: str | None = None
    digest: str | None = None

    @property
    def api_host(self) -> str:
        """The host to send HTTP requests to (Docker Hub's API lives on registry-1.docker.io)."""
        return DOCKER_HUB_API if self.registry == DOCKER_HUB else self.registry

    @property
    def identifier(self) -> str:
        """What to ask the registry for: the digest when known, else the tag."""
        if self.digest:
            return self.digest
        return self.tag or "latest"

    @property
    def name(self) -> str:
        """registry/repository without tag or digest."""
        return f"{self.registry}/{self.repository}"

    def with_tag(self, tag: str | None) -> Reference:
        return replace(self, tag=tag, digest=None)

    def with_digest(self, digest: str | None) -> Reference:
        return replace(self, digest=digest)

    def __str__(self) -> str:
        out = self.name
        if self.tag:
            out += f":{self.tag}"
        if self.digest:
            out += f"@{self.digest}"
        return out


def _fail(text: str, why: str) -> ReferenceError_:
    return ReferenceError_(f"invalid image reference {text!r}: {why}")


def names_registry_host(text: str) -> bool:
    """Whether a reference's first component is a registry host by the reference grammar: a `.` or a `:` in it, or
    `localhost` (`quay.io/biocontainers/x`, `registry:5000/x`), not a Docker Hub namespace (`biocontainers/x`)."""
    first, sep, _ = text.partition("/")
    return bool(sep) and ("." in first or ":" in first or first == "localhost")


def _split_domain(remainder: str) -> tuple[str, str]:
    first, sep, rest = remainder.partition("/")
    if names_registry_host(remainder) or (sep and first != first.lower()):
        domain = first.lower() if first in _HUB_ALIASES else first
        if domain in _HUB_ALIASES:
            domain = DOCKER_HUB
        return domain, rest
    return DOCKER_HUB, remainder


def parse_reference(text: str, *, default_tag: str | None = "latest") -> Reference:
    """Parse and normalise `text`; raise ReferenceError_ quoting it when it is not a valid reference."""
    if not isinstance(text, str):
        raise ReferenceError_(f"invalid image reference {text!r}: not a string")
    raw = text.strip()
    if not raw:
        raise _fail(text, "empty")
    if _SPACE_RE.search(raw):
        raise _fail(text, "contains white space")
    if "://" in raw:
        raise _fail(text, "a reference has no scheme; write host/repository:tag")

    remainder, digest = raw, None
    if "@" in remainder:
        remainder, _, digest = remainder.partition("@")
        if not is_digest(digest):
            raise _fail(text, f"digest {digest!r} is not sha256:<64 hex> or sha512:<128 hex>")

    domain, path = _split_domain(remainder)
    tag = None
    last_slash = path.rfind("/")
    colon = path.rfind(":")
    if colon > last_slash:
        path, tag = path[:colon], path[colon + 1 :]
        if not _TAG_RE.match(tag):
            raise _fail(text, f"tag {tag!r} must be 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'")

    if not _DOMAIN_RE.match(domain):
        raise _fail(text, f"registry host {domain!r} is not a valid host[:port]")
    if not path:
        raise _fail(text, "repository name is empty")
    components = path.split("/")
    for component in components:
        if not component:
            raise _fail(text, "repository has an empty path component")
        if component != component.lower():
            raise _fail(text, f"repository {path!r} must be lower case")
        if not _PATH_COMPONENT_RE.match(component):
            raise _fail(
                text,
                f"repository component {component!r} must be lower-case letters and digits "
                "joined by '.', '_', '__' or '-'",
            )
    if domain == DOCKER_HUB and len(components) == 1:
        path = f"library/{path}"
    if len(f"{domain}/{path}") > MAX_NAME_LENGTH:
        raise _fail(text, f"name is longer than {MAX_NAME_LENGTH} characters")
    if tag is None and digest is None:
        tag = default_tag
    return Reference(registry=domain, repository=path, tag=tag, digest=digest)


def reference_or_none(text: str, *, default_tag: str | None = "latest") -> Reference | None:
    """`parse_reference(text)`, or None when `text` is no image reference (for readers that skip such text)."""
    try:
        return parse_reference(text, default_tag=default_tag)
    except ReferenceError_:
        return None
