"""Concourse CI pipelines and task files, known by their shape (pure).

- A task config (https://concourse-ci.org/tasks.html): a task file (top-level `platform` and `run`, often
  `ci/tasks/*.yml`) or the inline `config:` of a pipeline's task step. Its `image_resource` ({type: registry-image or
  docker-image, source: {repository, tag (default `latest`)}, optional version: {digest}}) is the image the task runs
  in. A task step's own `image:` overrides it (the step runs in an artifact a `get` fetched): an inline config under
  such a step is not read.
- A pipeline (top-level `jobs`, each with a `plan`): a resource of type registry-image or docker-image
  (https://concourse-ci.org/resources.html) is an image, pulled when a job's plan `get`s it
  (https://concourse-ci.org/get-step.html: `get: NAME`, or `get: ALIAS` with `resource: NAME`; in `in_parallel`,
  `do`, `try`, `aggregate`, `across` and the `on_success`/`on_failure`/`on_abort`/`on_error`/`ensure` hooks too) but
  for a get with `params: {skip_download: true}`. A `put` (https://concourse-ci.org/put-step.html) pushes; its implicit
  get fetches what the step just pushed: not listed. A `resource_types` entry of type registry-image or docker-image
  (https://concourse-ci.org/resource-types.html) is the image workers pull to run the resources of that type: listed
  when a resource a job gets or puts is of that type (or of a type built on it); Concourse checks only the resources
  jobs use, so an entry no used resource needs is not pulled.
- `((var))` and `((source:var))` are filled by `fly set-pipeline -v/-l` (or a credential manager) when the pipeline is
  set: a value with one is unresolved, naming it. YAML anchors and merge keys are the loader's.

`task_files_named` gives the `file:` of the task steps, for cli/discover_concourse.py to choose the task files read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

PIPELINE_KIND = "Concourse pipeline"
TASK_KIND = "Concourse task file"
IMAGE_TYPES = frozenset({"registry-image", "docker-image"})
_VAR_RE = re.compile(r"\(\(([^()\n]*)\)\)")
_TOP_KEY_RE = re.compile(r"^(?:jobs|platform)[ \t]*:", re.MULTILINE)
_FILLED = " is filled when the pipeline is set (`fly set-pipeline -v/-l`, or a credential manager)"
_NUMBER = "a tag written as a number: YAML reads `1.10` as 1.1 (quote it)"
_NESTED_LISTS = ("in_parallel", "do", "aggregate")  # `in_parallel` may be `{steps: [...]}` too
_NESTED_STEPS = ("try", "on_success", "on_failure", "on_abort", "on_error", "ensure")


def looks_like_pipeline(doc: object) -> bool:
    jobs = doc.get("jobs") if isinstance(doc, dict) else None
    return isinstance(jobs, list) and any(isinstance(job, dict) and isinstance(job.get("plan"), list) for job in jobs)


def looks_like_task_config(doc: object) -> bool:
    return isinstance(doc, dict) and "platform" in doc and isinstance(doc.get("run"), dict)


def steps(plan: object) -> Iterator[dict[Any, Any]]:
    """Every step of a plan (a list of steps, or one step), the nested ones too, in order; iterative."""
    pending: list[object] = [plan]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending += reversed(item)
            continue
        if not isinstance(item, dict):
            continue
        yield item
        nested: list[object] = []
        for key in _NESTED_LISTS:
            value = item.get(key)
            nested.append(value.get("steps") if isinstance(value, dict) else value)
        nested += [item.get(key) for key in _NESTED_STEPS]
        pending += reversed(nested)


def _job_plans(doc: dict[Any, Any]) -> Iterator[dict[Any, Any]]:
    for job in doc.get("jobs") or ():
        if isinstance(job, dict):
            yield from steps([job.get("plan"), *(job.get(key) for key in _NESTED_STEPS)])


def task_files_named(doc: object) -> list[tuple[str, bool]]:
    """(the `file:` of each task step, whether the step gives its own `image:`) of a pipeline."""
    if not looks_like_pipeline(doc):
        return []
    assert isinstance(doc, dict)
    named = [(step.get("file"), "image" in step) for step in _job_plans(doc) if "task" in step]
    return [(str(file), own_image) for file, own_image in named if isinstance(file, str)]


def _scalar(value: object) -> str | None:
    """A string, or an integer as YAML wrote it; a float (`tag: 1.10`) is not taken: YAML has lost its digits."""
    if isinstance(value, bool) or value is None:
        return None
    return str(value) if isinstance(value, str | int) else None


def _image(kind: object, source: object, version: object, origin: str, use: str, doc_kind: str) -> Found | None:
    """The image of a `registry-image`/`docker-image` source; None for another type or no repository."""
    if kind not in IMAGE_TYPES or not isinstance(source, dict):
        return None
    repository = _scalar(source.get("repository"))
    if not repository or not repository.strip():
        return None
    digest = _scalar(version.get("digest")) if isinstance(version, dict) else None
    tag = _scalar(source.get("tag")) or "latest"
    text = f"{repository.strip()}@{digest}" if digest else f"{repository.strip()}:{tag}"
    line = line_of(source.get("repository"))
    if found := _VAR_RE.search(text):
        return Found(text, origin, line, f"(({found.group(1)})){_FILLED}", use, doc_kind)
    if isinstance(source.get("tag"), float) and not digest:
        return Found(f"{repository.strip()}:{source['tag']}", origin, line, _NUMBER, use, doc_kind)
    return Found(text, origin, line, use=use, kind=doc_kind)


def task_config_images(config: object, origin: str, kind: str = TASK_KIND) -> list[Found]:
    """The `image_resource` of a task config."""
    resource = config.get("image_resource") if isinstance(config, dict) else None
    if not isinstance(resource, dict):
        return []
    item = _image(resource.get("type"), resource.get("source"), resource.get("version"), origin, "image_resource", kind)
    return [item] if item else []


def _named(entries: object) -> dict[str, dict[Any, Any]]:
    listed = entries if isinstance(entries, list) else []
    return {str(entry["name"]): entry for entry in listed if isinstance(entry, dict) and "name" in entry}


def pipeline_images(doc: dict[Any, Any], origin: str) -> list[Found]:
    """The images a pipeline's jobs pull: the registry-image/docker-image resources they get, the resource types the
    resources they get or put need, the inline task configs they run."""
    resources, types = _named(doc.get("resources")), _named(doc.get("resource_types"))
    got: list[str] = []
    used: list[str] = []
    found: list[Found] = []
    for step in _job_plans(doc):
        if "task" in step and "image" not in step:
            found += task_config_images(step.get("config"), origin, PIPELINE_KIND)
        for verb in ("get", "put"):
            if verb in step:
                name = str(step.get("resource") or step[verb])
                used.append(name)
                params = step.get("params")
                skipped = isinstance(params, dict) and params.get("skip_download") is True
                got += [name] if verb == "get" and not skipped else []
    for name in dict.fromkeys(got):
        resource = resources.get(name, {})
        item = _image(
            resource.get("type"),
            resource.get("source"),
            resource.get("version"),
            origin,
            f"resource {name}",
            PIPELINE_KIND,
        )
        found += [item] if item else []
    needed = [resources[name].get("type") for name in dict.fromkeys(used) if name in resources]
    seen: set[str] = set()
    while needed:
        type_name = needed.pop()
        if not isinstance(type_name, str) or type_name in seen or type_name not in types:
            continue
        seen.add(type_name)
        entry = types[type_name]
        needed.append(entry.get("type"))  # a type built on another custom type needs that one too
        item = _image(
            entry.get("type"), entry.get("source"), None, origin, f"resource_types {type_name}", PIPELINE_KIND
        )
        found += [item] if item else []
    return found


def is_concourse_file(text: str, origin: str) -> bool:
    """Whether `text` is a pipeline or a task file (read, though it may pull nothing)."""
    if _TOP_KEY_RE.search(text) is None:
        return False
    try:
        documents = load_documents(text, origin)
    except ConfigError:
        return False
    return any(looks_like_pipeline(doc) or looks_like_task_config(doc) for doc in documents)


def concourse_images(documents: list[Any], origin: str) -> list[Found] | None:
    """The images of a pipeline or a task file; None when `documents` are neither."""
    if any(looks_like_pipeline(doc) for doc in documents):
        return [item for doc in documents if looks_like_pipeline(doc) for item in pipeline_images(doc, origin)]
    if any(looks_like_task_config(doc) for doc in documents):
        return [item for doc in documents if looks_like_task_config(doc) for item in task_config_images(doc, origin)]
    return None
