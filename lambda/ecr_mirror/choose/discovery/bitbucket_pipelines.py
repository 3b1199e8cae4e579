"""The images a Bitbucket Pipelines configuration runs (pure).

Bitbucket reads `bitbucket-pipelines.yml` at the repository's root
(https://support.atlassian.com/bitbucket-cloud/docs/bitbucket-pipelines-configuration-reference/). Each step runs in
a container of the image it names, else of the file's top-level `image` (else Atlassian's default build image, which
no file names: not listed); an image is a name, or a mapping whose `name` is one (with `username`/`password` or `aws`
credentials for a private registry: https://support.atlassian.com/bitbucket-cloud/docs/docker-image-options/).
Service containers are defined under `definitions.services.NAME` with an `image` (the built-in `docker` service has
none: https://support.atlassian.com/bitbucket-cloud/docs/databases-and-service-containers/). Steps are read wherever
the file puts them: the lists of `pipelines.default`, `branches`, `tags`, `bookmarks`, `pull-requests` and `custom`,
in `parallel` groups (a list, or `steps:`) and `stage`s, and `definitions.steps` (YAML anchors a pipeline reuses:
each read once). A pipe whose reference is a Docker image (`pipe: docker://acme/pipe:1.0`) runs that image
(https://support.atlassian.com/bitbucket-cloud/docs/write-a-pipe-for-bitbucket-pipelines/); an Atlassian pipe
(`pipe: atlassian/aws-s3-deploy:1.1.0`) names a repository whose `pipe.yml` says the image: not listed. The `docker
run` lines of the steps' `script` are read with the other CI steps (cli/discover_scripts.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

NAME = "bitbucket-pipelines.yml"
KIND = "Bitbucket pipeline"


def _image(value: object) -> str | None:
    """The image a step's or service's `image` names: a string, or a mapping's `name`."""
    name = value.get("name") if isinstance(value, Mapping) else value
    return name if isinstance(name, str) and name.strip() else None


def _pairs(node: object) -> Iterator[tuple[object, object]]:
    """Each (key, value) of every mapping below `node`, in the file's order."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield key, value
            yield from _pairs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _pairs(item)


def bitbucket_images(text: str, origin: str) -> list[Found]:
    """The default image, the services', each step's and the Docker pipes' (see the module), each once."""
    documents = load_documents(text, origin)
    doc = documents[0] if documents else None
    if not isinstance(doc, Mapping):
        return []
    named: list[tuple[str, str]] = []
    if (default := _image(doc.get("image"))) is not None:
        named.append((default, "image (default)"))
    definitions = doc.get("definitions")
    services = definitions.get("services") if isinstance(definitions, Mapping) else None
    for service, spec in services.items() if isinstance(services, Mapping) else ():
        if isinstance(spec, Mapping) and (image := _image(spec.get("image"))) is not None:
            named.append((image, f"definitions.services.{service}.image"))
    pairs = list(_pairs(doc))
    steps = [value for key, value in pairs if key == "step" and isinstance(value, Mapping)]
    named += [(image, "step image") for step in steps if (image := _image(step.get("image"))) is not None]
    pipes = [
        value for key, value in pairs if key == "pipe" and isinstance(value, str) and value.startswith("docker://")
    ]
    found: dict[tuple[str, int | None], Found] = {}
    for value, use in [*named, *((pipe, "pipe") for pipe in pipes)]:
        text_ = value.strip().removeprefix("docker://")
        found.setdefault((text_, line_of(value)), Found(text_, origin, line_of(value), use=use, kind=KIND))
    return sorted(found.values(), key=lambda item: item.line or 0)
