"""Which files are read, by name, and which parser reads each kind (pure)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from enum import Enum
from pathlib import PurePath

from ecr_mirror.choose.discovery.cloudbuild import cloudbuild_images
from ecr_mirror.choose.discovery.devcontainer import devcontainer_images
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import action_images, workflow_images
from ecr_mirror.choose.discovery.gitlab_ci import gitlab_images
from ecr_mirror.choose.discovery.yaml_sources import (
    circleci_images,
    compose_images,
    gitpod_images,
    okteto_images,
    yaml_images,
)

_COMPOSE_RE = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$")
_YAML_RE = re.compile(r"\.ya?ml$")
# `.dockerfiles/debian-stable`, `dockerfiles/fedora-41`: one Dockerfile per name, built with `--file`
_DOCKERFILE_DIRECTORIES = ("dockerfiles", "containerfiles")
# ... read when, after comments and blank lines, they start with an upper-case FROM or ARG, as Dockerfiles do
_STARTS_RE = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:FROM|ARG)[ \t]")
_CLOUDBUILD_RE = re.compile(r"^cloudbuild(?:[._-][\w.-]*)?\.(?:ya?ml|json)$")


class Kind(Enum):
    DOCKERFILE = "Dockerfile"
    COMPOSE = "compose file"
    WORKFLOW = "GitHub Actions workflow"
    ACTION = "GitHub action"
    GITLAB = "GitLab CI file"
    CIRCLECI = "CircleCI config"
    DEVCONTAINER = "dev container"
    GITPOD = "Gitpod config"
    CLOUDBUILD = "Cloud Build config"
    OKTETO = "Okteto manifest"
    YAML = "YAML manifest"


def _is_dockerfile(name: str) -> bool:
    if name.endswith(".dockerignore"):
        return False
    return (
        name in ("dockerfile", "containerfile")
        or name.endswith((".dockerfile", ".containerfile"))
        or name.startswith(("dockerfile.", "dockerfile-", "dockerfile_", "containerfile."))
        or name.startswith(("containerfile-", "containerfile_"))
    )


def kind_of(path: str | PurePath) -> Kind | None:
    """`Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`, `Containerfile*`, and files without an extension
    in a `dockerfiles` (or `.dockerfiles`, `containerfiles`) directory (read if they start like one); `compose*.y*ml`,
    `docker-compose*.y*ml`; `.github/workflows/*.y*ml`; `action.y*ml`; `*.gitlab-ci.yml`; `.circleci/*.y*ml`;
    `devcontainer.json`, `.devcontainer.json`; `.gitpod.yml`; `okteto.yml`; `cloudbuild*.y*ml` and
    `cloudbuild*.json`; any other `*.y*ml` is read by its content."""
    pure = PurePath(path)
    name = pure.name.lower()
    if _is_dockerfile(name) or (pure.parent.name.lower().lstrip(".") in _DOCKERFILE_DIRECTORIES and "." not in name):
        return Kind.DOCKERFILE
    if name in ("devcontainer.json", ".devcontainer.json"):
        return Kind.DEVCONTAINER
    if _CLOUDBUILD_RE.match(name):
        return Kind.CLOUDBUILD
    if not _YAML_RE.search(name):
        return None
    if _COMPOSE_RE.match(name):
        return Kind.COMPOSE
    if pure.parent.parts[-2:] == (".github", "workflows"):
        return Kind.WORKFLOW
    if name in ("action.yml", "action.yaml"):
        return Kind.ACTION
    if name in (".gitpod.yml", ".gitpod.yaml"):
        return Kind.GITPOD
    if name in ("okteto.yml", "okteto.yaml"):
        return Kind.OKTETO
    if name.endswith(("gitlab-ci.yml", "gitlab-ci.yaml")):
        return Kind.GITLAB
    if ".circleci" in pure.parent.parts:
        return Kind.CIRCLECI
    return Kind.YAML


_PARSERS: dict[Kind, Callable[[str, str], list[Found]]] = {
    Kind.DOCKERFILE: dockerfile_images,
    Kind.COMPOSE: compose_images,
    Kind.WORKFLOW: workflow_images,
    Kind.ACTION: action_images,
    Kind.GITLAB: gitlab_images,
    Kind.CIRCLECI: circleci_images,
    Kind.DEVCONTAINER: devcontainer_images,
    Kind.GITPOD: gitpod_images,
    Kind.CLOUDBUILD: cloudbuild_images,
    Kind.OKTETO: okteto_images,
    Kind.YAML: yaml_images,
}


def images_in(kind: Kind, text: str, origin: str, *, dotenv: dict[str, str] | None = None) -> list[Found]:
    """The references in one file's text; ConfigError (naming `origin`) when it does not parse.
    `dotenv` (compose only): the values of the `.env` file beside it."""
    if kind is Kind.DOCKERFILE and not _is_dockerfile(PurePath(origin).name.lower()) and not _STARTS_RE.match(text):
        return []  # a README or LICENSE in a dockerfiles/ directory
    found = compose_images(text, origin, dotenv) if kind is Kind.COMPOSE else _PARSERS[kind](text, origin)
    return [item if item.kind else dataclasses.replace(item, kind=kind.value) for item in found]
