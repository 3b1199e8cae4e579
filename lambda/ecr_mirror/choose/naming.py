"""Where a source image lands at the target: `<to>/<alias>/<source path>`, tag and digest kept."""

from __future__ import annotations

import re

from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import DOCKER_HUB, Reference, parse_reference

REGISTRY_ALIASES = {
    DOCKER_HUB: "docker-hub",
    "ghcr.io": "ghcr",
    "quay.io": "quay",
    "registry.k8s.io": "k8s",
    "public.ecr.aws": "ecr-public",
    "gcr.io": "gcr",
    "mcr.microsoft.com": "mcr",
}


def registry_alias(registry: str) -> str:
    """The first path component under which a source registry's images are kept."""
    known = REGISTRY_ALIASES.get(registry)
    if known:
        return known
    safe = re.sub(r"[^a-z0-9]+", "-", registry.lower()).strip("-")
    return safe or "registry"


def split_destination(to: str) -> tuple[str, str]:
    """`REGISTRY[/PREFIX]` -> (registry, prefix); the registry must look like a host."""
    text = to.strip().rstrip("/")
    if "://" in text:
        raise ReferenceError_(f"invalid destination {to!r}: write host[:port][/prefix] without a scheme")
    host, _, prefix = text.partition("/")
    if not host or not ("." in host or ":" in host or host == "localhost"):
        raise ReferenceError_(f"invalid destination {to!r}: the first part must be a registry host")
    if prefix:
        # Validate the prefix with the reference grammar.
        parse_reference(f"{host}/{prefix}/x")
    return host, prefix


def target_repository(source: Reference, prefix: str = "") -> str:
    """Repository path at the target, e.g. `mirror/docker-hub/library/alpine`."""
    parts = [p for p in (prefix.strip("/"), registry_alias(source.registry), source.repository) if p]
    return "/".join(parts)


def target_for(source: Reference, to: str) -> Reference:
    """The target reference for `source` under destination `to` (REGISTRY[/PREFIX])."""
    host, prefix = split_destination(to)
    text = f"{host}/{target_repository(source, prefix)}"
    if source.tag:
        text += f":{source.tag}"
    if source.digest:
        text += f"@{source.digest}"
    return parse_reference(text, default_tag=None)
