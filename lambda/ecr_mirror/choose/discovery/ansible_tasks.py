"""The images Ansible tasks run or pull (pure): a role's `tasks/*.yml` or a playbook's `tasks:`.

Tasks of the container modules are read: `docker_container` and `podman_container` (`image`), `docker_swarm_service`
(`image`), `docker_image_pull` (`name`, with `tag`) and `docker_image` with `source: pull` (`name`, with `tag`), each
also under its collection's name (`community.docker.docker_container`, `containers.podman.podman_container`), in
plays (`tasks`, `pre_tasks`, `post_tasks`, `handlers`) and blocks (`block`, `rescue`, `always`) at any depth.

The image is a Jinja string rendered by jinja_text.py with the values Ansible would give it: those the caller passes
(a role's defaults, then the variables of each host of the inventory, then the role's vars: one set per host), under
the file's own (a play's `vars`, then a block's and a task's, then `set_fact`, which outranks them as in Ansible's
precedence). Each set of values that resolves the image gives one;
a set that leaves a name without a value (a host the role does not run on) gives none. When no set resolves it, the
image is unresolved, as written, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jinja_text import Ambiguous, rendered
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

KIND = "Ansible task"
_IMAGE_MODULES = ("docker_container", "podman_container", "docker_swarm_service")
_PULL_MODULES = ("docker_image_pull", "docker_image", "podman_image")
_COLLECTIONS = ("", "community.docker.", "containers.podman.", "community.general.")
_NESTED = ("tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always")
# A line that calls one of the modules: files without one are not parsed as tasks
_MODULES = "|".join(_IMAGE_MODULES + _PULL_MODULES)
MODULE_RE = re.compile(rf"^\s*(?:-\s*)?(?:[\w.]+\.)?(?:{_MODULES}):\s*$", re.M)
_SET_FACT = ("set_fact", "ansible.builtin.set_fact", "ansible.legacy.set_fact")


def _module(task: Mapping[Any, Any]) -> tuple[str, Mapping[Any, Any]] | None:
    for prefix in _COLLECTIONS:
        for module in _IMAGE_MODULES + _PULL_MODULES:
            if isinstance(args := task.get(prefix + module), Mapping):
                return module, args
    return None


def _tasks(node: object, scopes: tuple[Mapping[Any, Any], ...]) -> Iterator[tuple[Mapping[Any, Any], tuple[Any, ...]]]:
    """Each task in `node` (a list of tasks or plays) with the `vars:` of the plays and blocks around it."""
    if not isinstance(node, list):
        return
    for item in node:
        if not isinstance(item, Mapping):
            continue
        own = item.get("vars")
        inner = (*scopes, own) if isinstance(own, Mapping) else scopes
        nested = [key for key in _NESTED if isinstance(item.get(key), list)]
        for key in nested:
            yield from _tasks(item[key], inner)
        if not nested:
            yield item, inner


def _facts(tasks: Sequence[tuple[Mapping[Any, Any], tuple[Any, ...]]]) -> dict[str, object]:
    """The values `set_fact` gives in the file; a name given two different values is ambiguous."""
    facts: dict[str, object] = {}
    for task, _ in tasks:
        for module in _SET_FACT:
            if not isinstance(given := task.get(module), Mapping):
                continue
            for key, value in given.items():
                name = str(key)
                if name in facts and facts[name] != value:
                    facts[name] = Ambiguous(f"{name} is set to different values by set_fact in this file")
                elif name not in facts and name != "cacheable":
                    facts[name] = value
    return facts


def _written(module: str, args: Mapping[Any, Any]) -> object:
    if module in _IMAGE_MODULES:
        return args.get("image")
    if module != "docker_image_pull" and args.get("source") != "pull" and module != "podman_image":
        return None  # docker_image builds, loads or tags unless told to pull
    name, tag = args.get("name"), args.get("tag")
    if isinstance(name, str) and isinstance(tag, str) and tag.strip() and ":" not in name.rsplit("/", 1)[-1]:
        combined = type(name)(f"{name}:{tag.strip()}")
        if (line := line_of(name)) is not None:
            combined.line = line  # type: ignore[attr-defined]
        return combined
    return name


def ansible_task_images(text: str, origin: str, bases: Sequence[Mapping[str, object]]) -> list[Found] | None:
    """The images the container tasks of `text` use, rendered with each of `bases` under the file's own values;
    None when `text` has no container task (not an Ansible tasks file for this reader)."""
    found: list[Found] = []
    seen_task = False
    for document in load_documents(text, origin):
        tasks = list(_tasks(document, ()))
        facts = _facts(tasks)
        for task, scopes in tasks:
            if (module := _module(task)) is None:
                continue
            seen_task = True
            written = _written(*module)
            if not isinstance(written, str) or not written.strip():
                continue
            line, use = line_of(written), f"image ({module[0]})"
            images: dict[str, None] = {}
            first_reasons: list[str] = []
            for base in bases or [{}]:
                values: dict[str, object] = dict(base)
                for scope in scopes:
                    values.update({str(key): value for key, value in scope.items()})
                values.update(facts)  # set_fact outranks play and task vars (scopes, the task's own last)
                image, reasons = rendered(written.strip(), values)
                if reasons:
                    first_reasons = first_reasons or reasons
                else:
                    images[image] = None
            found += [Found(image, origin, line, use=use, kind=KIND) for image in images]
            if not images:
                found.append(Found(written.strip(), origin, line, "; ".join(first_reasons), use, KIND))
    return found if seen_task else None
