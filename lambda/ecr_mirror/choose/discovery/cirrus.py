"""The containers a Cirrus CI configuration runs its tasks in (pure).

Cirrus CI reads `.cirrus.yml` (or `.cirrus.yaml`) at the repository's top (https://cirrus-ci.org/guide/quick-start/;
one below it, a vendored library's, is read as other YAML: cli/discover_walk.py):
each key `task` or `NAME_task` is a task, run in the instance its keys name; `container:` (also `arm_container:`,
`windows_container:`) with an `image:` runs it in that image on Cirrus' community cluster, pulled for the task, and
`additional_containers:` starts each listed `image` beside it as a service (https://cirrus-ci.org/guide/linux/,
https://cirrus-ci.org/guide/writing-tasks/#additional-containers). A top-level `container:` is the instance of every
task that names none. `${NAME}` and `$NAME` take the values of the top-level `env:` and of the task's own `env:`
(which wins), themselves expanded (skopeo's `image: '${SKOPEO_CIDEV_CONTAINER_FQIN}'` over `SKOPEO_CIDEV_CONTAINER_FQIN:
"quay.io/libpod/skopeo_cidev:${IMAGE_SUFFIX}"`: Cirrus expands environment variables in the instance's fields); a
task's `matrix:` list gives a task per item, each item's keys over the task's. A variable with no value there
(`$CIRRUS_*`, set by Cirrus when the task runs; an `env` `matrix:`) is unresolved, naming it. An image a container
builds (`dockerfile:`) is no pull, and instances that are virtual machines (`compute_engine_instance`, `gce_instance`,
`macos_instance`, `freebsd_instance`) name machine images, not container images: neither is listed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import NestedValues, Unset, expand
from ecr_mirror.choose.discovery.yaml_loader import load_documents

CIRRUS_NAMES = frozenset({".cirrus.yml", ".cirrus.yaml"})
_CONTAINERS = ("container", "arm_container", "windows_container")
_DEPTH = 5  # a value naming a variable whose value names another, at most this deep


def _explain(name: str) -> str:
    if name.startswith("CIRRUS_"):
        return f"${name} is set by Cirrus CI when the task runs"
    return f"${name} has no value in the configuration's env"


def _environment(*sections: object) -> dict[str, str | None]:
    """The string values of the `env:` mappings of `sections`, a later one winning."""
    values: dict[str, str | None] = {}
    for section in sections:
        env = section.get("env") if isinstance(section, dict) else None
        if isinstance(env, dict):
            values.update({str(k): str(v) for k, v in env.items() if isinstance(v, (str, int, float))})
    return values


def _resolver(values: Mapping[str, str | None]) -> Callable[[str], str]:
    """Expansion over `values`, a value naming another expanded in turn; a `$` left after it is unset."""
    nested = NestedValues(values, limit=_DEPTH)

    def resolve(text: str) -> str:
        expanded = expand(text, nested)
        if "$" in expanded:
            raise Unset(expanded.split("$", 1)[1].strip("{}").split("}")[0])
        return expanded

    return resolve


def _instance_images(task: dict[str, object], top: dict[str, object], origin: str) -> list[Found]:
    resolve = _resolver(_environment(top, task))
    found: list[Found] = []
    for key in _CONTAINERS:
        container = task.get(key)
        if isinstance(container, dict) and "dockerfile" not in container:
            item = found_item(container.get("image"), origin, f"{key}.image", resolve, _explain)
            found += [item] if item else []
    for key in _CONTAINERS:
        container = task.get(key)
        extra = container.get("additional_containers") if isinstance(container, dict) else None
        for service in extra if isinstance(extra, list) else []:
            if isinstance(service, dict):
                item = found_item(service.get("image"), origin, "additional_containers[].image", resolve, _explain)
                found += [item] if item else []
    return found


def _names_instance(task: dict[str, object]) -> bool:
    return any(key in _CONTAINERS or key.endswith("_instance") or key == "persistent_worker" for key in task)


def cirrus_images(text: str, origin: str) -> list[Found]:
    """The images the tasks of a Cirrus CI configuration run in, in the file's order."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        tasks = [value for key, value in doc.items() if str(key) == "task" or str(key).endswith("_task")]
        variants: list[dict[str, object]] = []
        for task in (task for task in tasks if isinstance(task, dict)):
            matrix = task.get("matrix")
            items = [item for item in matrix if isinstance(item, dict)] if isinstance(matrix, list) else []
            variants += [{**task, **item} for item in items] or [task]
        default = {key: doc[key] for key in _CONTAINERS if key in doc}
        for task in variants:
            for item in _instance_images(task if _names_instance(task) else {**task, **default}, doc, origin):
                found += [item] if item not in found else []
    return sorted(found, key=lambda item: item.line or 0)
