"""Which files are read, by name, and which parser reads each kind (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from pathlib import PurePath

from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_sources import (
    compose_images,
    gitlab_images,
    kubernetes_images,
    workflow_images,
)

_COMPOSE_RE = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$")
_YAML_RE = re.compile(r"\.ya?ml$")


class Kind(Enum):
    DOCKERFILE = "Dockerfile"
    COMPOSE = "compose file"
    WORKFLOW = "GitHub Actions workflow"
    GITLAB = "GitLab CI file"
    KUBERNETES = "Kubernetes manifest"


def kind_of(path: str | PurePath) -> Kind | None:
    """`Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile*`; `compose*.y*ml`, `docker-compose*.y*ml`;
    `.github/workflows/*.y*ml`; `.gitlab-ci.yml`; any other `*.y*ml` is read as Kubernetes manifests."""
    pure = PurePath(path)
    name = pure.name.lower()
    if name.endswith(".dockerignore"):
        return None
    if name == "dockerfile" or name.endswith(".dockerfile") or name.startswith(("dockerfile.", "containerfile")):
        return Kind.DOCKERFILE
    if not _YAML_RE.search(name):
        return None
    if _COMPOSE_RE.match(name):
        return Kind.COMPOSE
    if pure.parent.parts[-2:] == (".github", "workflows"):
        return Kind.WORKFLOW
    if name == ".gitlab-ci.yml" or name.endswith(".gitlab-ci.yml"):
        return Kind.GITLAB
    return Kind.KUBERNETES


_PARSERS: dict[Kind, Callable[[str, str], list[Found]]] = {
    Kind.DOCKERFILE: dockerfile_images,
    Kind.COMPOSE: compose_images,
    Kind.WORKFLOW: workflow_images,
    Kind.GITLAB: gitlab_images,
    Kind.KUBERNETES: kubernetes_images,
}


def images_in(kind: Kind, text: str, origin: str) -> list[Found]:
    """The references in one file's text; ConfigError (naming `origin`) when YAML does not parse."""
    return _PARSERS[kind](text, origin)
