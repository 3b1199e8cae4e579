"""Where a source image lands at the target: `<to>/<alias>/<source path>`, under the source's tag, or for a
pinned source (`image@digest`, `image:tag@digest`) under `pinned-sha256-<hex>`, never the moving tag."""

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
PIN_TAG_PREFIX = "pinned-"

# ECR's repository name grammar, from the CreateRepository API model (2-256 characters; the model's pattern also
# allows `__` and runs of `-`, as Docker's does):
# https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
_ECR_COMPONENT = r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*"
_ECR_NAME_RE = re.compile(rf"{_ECR_COMPONENT}(?:/{_ECR_COMPONENT})*")
ECR_NAME_MIN, ECR_NAME_MAX = 2, 256


def ecr_name_problem(name: str) -> str | None:
    """Why ECR would refuse `name` as a repository name, or None when it accepts it."""
    if not ECR_NAME_MIN <= len(name) <= ECR_NAME_MAX:
        return f"target repository {name!r} is {len(name)} characters; ECR allows {ECR_NAME_MIN}-{ECR_NAME_MAX}"
    if not _ECR_NAME_RE.fullmatch(name):
        return (
            f"target repository {name!r} is not a name ECR accepts: lower-case letters and digits "
            "joined by '.', '_', '__' or '-', in '/'-separated parts"
        )
    return None


def pinned_tag(digest: str) -> str:
    """The tag a pinned source is written under, so lifecycle rules expiring untagged images never remove it."""
    return PIN_TAG_PREFIX + digest.replace(":", "-")


def written_tag(source: Reference) -> str:
    """The tag `source` is written under at the target."""
    return pinned_tag(source.digest) if source.digest else source.tag or "latest"


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
    """The target reference for `source` under destination `to` (REGISTRY[/PREFIX]).

    A pinned source keeps only its digest: the copy tags it `pinned-sha256-<hex>`, so `python:3.12@sha256:..`
    never moves the target's `3.12`, which a `python:3.12` line may also write. Raises ReferenceError_ for a name
    ECR would refuse."""
    host, prefix = split_destination(to)
    return target_under(source, host, prefix)


def target_under(source: Reference, host: str, prefix: str) -> Reference:
    """target_for with the destination already split by split_destination (a list's entries share it)."""
    repository = target_repository(source, prefix)
    if problem := ecr_name_problem(repository):
        raise ReferenceError_(f"{source}: {problem}")
    text = f"{host}/{repository}"
    text += f"@{source.digest}" if source.digest else f":{source.tag or 'latest'}"
    try:
        return parse_reference(text, default_tag=None)
    except ReferenceError_ as exc:  # e.g. host and path over Docker's 255 characters
        raise ReferenceError_(f"{source}: the target is not usable: {exc}") from exc
