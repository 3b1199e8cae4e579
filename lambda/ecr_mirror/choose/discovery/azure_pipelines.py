"""The images an Azure Pipelines file runs its jobs in (pure).

https://learn.microsoft.com/en-us/azure/devops/pipelines/process/container-phases and
https://learn.microsoft.com/en-us/azure/devops/pipelines/process/service-containers: a container resource
(`resources.containers[].image`), a job's `container:` (a resource's alias, an image written inline, or a mapping with
`image:`) and its `services:` (each an alias or an image). An alias of a resource is that resource's image, listed
once. A pipeline extending a 1ES Pipeline Template (`extends.template` naming `1ES.Official.PipelineTemplate.yml` or
`1ES.Unofficial.PipelineTemplate.yml`, https://aka.ms/1espt) declares its jobs' containers in the template's
`containers` parameter instead, `extends.parameters.containers.ALIAS.image`: read as resources are (also where
`extends` chooses the template in `${{ if }}` branches); the same mapping under another template is that template's
own parameter, read only when a template of the tree passes it on as containers (azure_own_templates.py). The
`docker run` lines of `script:` / `bash:` steps
are read with the other CI steps (cli/discover_scripts.py). A `Docker@2` task that builds
(https://learn.microsoft.com/en-us/azure/devops/pipelines/tasks/reference/docker-v2: `command` build or buildAndPush,
the default) makes `repository:tag` for each of its `tags` (`latest` when none): images made here, not pulled.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.azure_own_templates import extended_templates
from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.choose.discovery.yaml_walk import entries

_BUILDING = ("build", "buildandpush")


def _resources(doc: dict[Any, Any]) -> list[dict[Any, Any]]:
    """The entries of `resources.containers`."""
    resources = doc.get("resources")
    containers = resources.get("containers") if isinstance(resources, dict) else None
    return [entry for entry in containers if isinstance(entry, dict)] if isinstance(containers, list) else []


def _template_containers(doc: dict[Any, Any]) -> list[dict[Any, Any]]:
    """The entries of a 1ES Pipeline Template's `extends.parameters.containers` mapping."""
    extends = doc.get("extends")
    if not isinstance(extends, dict) or not any("1ES." in name for name in extended_templates(extends)):
        return []
    parameters = extends.get("parameters")
    containers = parameters.get("containers") if isinstance(parameters, dict) else None
    return [entry for entry in containers.values() if isinstance(entry, dict)] if isinstance(containers, dict) else []


def _containers(node: object, seen: set[int]) -> Iterator[tuple[object, str]]:
    """(value, use) of every `container:` and each value of every `services:` mapping, anywhere in the file."""
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    for key, child in node.items() if isinstance(node, dict) else enumerate(node):
        if key == "container" and not (isinstance(node, dict) and "image" in node):
            yield child, "container"
        elif key == "services" and isinstance(child, dict):
            yield from ((value, "services") for value in child.values())
        else:
            yield from _containers(child, seen)


def azure_pipelines_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        resources = _resources(doc)
        for entry in resources + _template_containers(doc):
            item = found_item(entry.get("image"), origin, "resources container")
            found += [item] if item else []
        aliases = {str(entry["container"]) for entry in resources if "container" in entry}
        for value, use in _containers(doc, set()):
            image = value.get("image") if isinstance(value, dict) else value
            if isinstance(image, str) and image.strip() not in aliases:
                item = found_item(image, origin, use)
                found += [item] if item else []
    return found


def _tasks(doc: object) -> Iterator[dict[Any, Any]]:
    for mapping in (doc, *(child for _, _, child in entries(doc))):
        if isinstance(mapping, dict) and isinstance(mapping.get("task"), str) and mapping["task"].startswith("Docker@"):
            yield mapping


def azure_docker_builds(text: str, origin: str) -> list[LocalBuild]:
    """The literal names the file's `Docker@2` build tasks make (`$(...)` tags, known only when it runs, left out)."""
    builds: list[LocalBuild] = []
    for doc in load_documents(text, origin):
        for task in _tasks(doc):
            inputs = task.get("inputs")
            if not isinstance(inputs, dict) or str(inputs.get("command", "buildAndPush")).lower() not in _BUILDING:
                continue
            repository, tags = inputs.get("repository"), inputs.get("tags")
            if not isinstance(repository, str) or not repository.strip() or "$(" in repository:
                continue
            names = [tag.strip() for tag in str(tags).replace(",", "\n").splitlines()] if tags else ["latest"]
            line = line_of(repository) or 0
            made = [f"{repository.strip()}:{tag}" for tag in names if tag and "$(" not in tag]
            builds += [LocalBuild(name, origin, line, "Docker@2 task") for name in made]
    return builds
