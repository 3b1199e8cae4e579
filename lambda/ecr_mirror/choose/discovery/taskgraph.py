"""Taskcluster CI: the decision task's image and the images taskgraph's `docker-image` kind builds on (pure).

A repository on Taskcluster (Mozilla's CI) starts each run from `.taskcluster.yml`: a JSON-e template whose task's
`payload.image` is the image the decision task runs in, pulled by the worker
(https://docs.taskcluster.net/docs/reference/workers/docker-worker/payload): a release-engineering repository's
`image: mozillareleases/taskgraph:decision-v24.2.0@sha256:...`. Read (`decision_images`): each string `image` of a
`payload` mapping anywhere in the file (JSON-e's `$if`/`then` and `$let`/`in` nest it), at its line, `use`
`payload image`, kind `Taskcluster`.

The decision task then builds the repository's own images with taskgraph's `docker-image` kind
(https://taskcluster-taskgraph.readthedocs.io/en/latest/reference/kinds/docker-image.html): each task of
`taskcluster/kinds/docker-image/kind.yml` (`taskcluster/ci/...` in older layouts) builds the Dockerfile of
`taskcluster/docker/DEFINITION/`, DEFINITION its `definition:` or else its name, with its `args:` as build
arguments (`PYTHON_VERSION: *py314` over a YAML anchor); a task with `parent:` builds on the image of another
task, given as `DOCKER_IMAGE_PARENT`, built there, not pulled. Read (`taskgraph_builds`): each task as a build
of that Dockerfile with those arguments, at the task's line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ecr_mirror.choose.discovery.command_builds import CommandBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

DECISION_FILES = (".taskcluster.yml", ".taskcluster.yaml")
_KIND_FILES = ("kinds/docker-image/kind.yml", "ci/docker-image/kind.yml")
USE = "payload image"
KIND = "Taskcluster"


def is_docker_image_kind(shown: str) -> bool:
    """Whether `shown` is taskgraph's `docker-image` kind definition."""
    return shown.replace("\\", "/").endswith(_KIND_FILES)


def _payload_images(node: object) -> Iterator[object]:
    if isinstance(node, dict):
        payload = node.get("payload")
        if isinstance(payload, dict) and isinstance(payload.get("image"), str):
            yield payload["image"]
        for value in node.values():
            yield from _payload_images(value)
    elif isinstance(node, list):
        for value in node:
            yield from _payload_images(value)


def decision_images(text: str, shown: str) -> list[Found]:
    """The images of the tasks' payloads of a `.taskcluster.yml` (see the module); none when it does not parse."""
    try:
        documents = load_documents(text, shown)
    except ConfigError:
        return []
    found: list[Found] = []
    for image in (image for document in documents for image in _payload_images(document)):
        found.append(Found(str(image).strip(), shown, line_of(image), use=USE, kind=KIND))
    return found


def taskgraph_builds(text: str, shown: str) -> list[CommandBuild]:
    """The builds the tasks of a `docker-image` kind make: each task's Dockerfile (relative to the kind's file) and
    build arguments (see the module)."""
    documents = load_documents(text, shown)
    tasks = documents[0].get("tasks") if documents and isinstance(documents[0], dict) else None
    builds: list[CommandBuild] = []
    for name, task in tasks.items() if isinstance(tasks, dict) else ():
        spec = task if isinstance(task, dict) else {}
        definition = spec.get("definition", name)
        given = spec.get("args")
        args = tuple((str(key), str(value)) for key, value in given.items()) if isinstance(given, dict) else ()
        if not isinstance(definition, str):
            continue
        dockerfile = posixpath.join("..", "..", "docker", definition, "Dockerfile")
        builds.append(CommandBuild(dockerfile, args, shown, line_of(name) or line_of(task) or 1))
    return builds
