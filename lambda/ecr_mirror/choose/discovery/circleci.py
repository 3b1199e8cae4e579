"""CircleCI configuration (`.circleci/*.yml`): every `image:` under a `docker:` list (jobs and executors), the
images CircleCI pulls before a job's first step; `machine:` images are virtual machines, not containers (pure).

Reusable configuration (version 2.1, https://circleci.com/docs/reusing-config/) is read as CircleCI expands it: a
job's `<< parameters.NAME >>` takes the value each workflow invocation of the job gives it (`- test: {name: t-3.11,
python-image: "cimg/python:3.11"}`), one value per combination of a `matrix: {parameters: ...}` (less its
`exclude` entries), else the parameter's `default`; a job no workflow invokes, its defaults. An executor's
parameters take the arguments of each job's `executor: {name: db, pg: "15.6"}` (themselves the job's parameters
when written `<< parameters.NAME >>`), else their defaults; `<< pipeline.parameters.NAME >>` the top-level
parameter's default (a pipeline trigger may give another). An image written as one parameter is at the line its
value is written on; one with a parameter inside, at its own line. A parameter with no value stays unresolved.

An orb's job a workflow runs (`- rok8s/kubernetes_e2e_tests:`, an `orb/job` name) uses its parameters as the orb's
source says, outside the tree; but one named for an image (`kind_node_image`, `kind-node-image`) given a reference
pinned by a digest (`kindest/node:v1.35.5@sha256:...`) names an image that exists already, which the job pulls
(https://circleci.com/docs/orb-intro/): it is read, at its line; one given a tag only may be what the orb builds.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

_PARAMETER_RE = re.compile(r"<<\s*(pipeline\.)?parameters\.([\w-]+)\s*>>")
_UNKNOWN = "a CircleCI parameter (`<< ... >>`), known only when the pipeline runs"

Binding = dict[str, object]


def circleci_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if isinstance(doc, dict) and "workflows" in doc and not doc["workflows"]:
            continue  # `workflows: {}` runs no job (https://circleci.com/docs/configuration-reference/#workflows)
        bindings = _docker_bindings(doc) if isinstance(doc, dict) else {}
        pipeline = _defaults(doc.get("parameters")) if isinstance(doc, dict) else {}
        for docker in _docker_lists(doc, set()):
            for entry in docker:
                image = entry.get("image") if isinstance(entry, dict) else None
                seen: set[tuple[str, int | None]] = set()
                for value in _expansions(image, bindings.get(id(docker), [{}]), pipeline):
                    item = found_item(value, origin, "docker image")
                    if item and (item.text, item.line) not in seen:
                        seen.add((item.text, item.line))
                        found.append(_unknown_parameter(item))
        found += _orb_pinned_images(doc, origin) if isinstance(doc, dict) else []
    return found


_IMAGE_PARAMETER_RE = re.compile(r"(?:.*[_-])?image", re.IGNORECASE)
_PINNED_RE = re.compile(r"[^\s@]+@sha256:[0-9a-f]{64}")


def _orb_pinned_images(doc: Mapping[str, Any], origin: str) -> list[Found]:
    """The digest-pinned images the workflows give orb jobs' image parameters (see the module)."""
    found: list[Found] = []
    for name, bindings in _invocations(doc).items():
        if "/" not in name:
            continue  # a job of this file: its `docker:` images are read as the job uses its parameters
        for binding in bindings:
            for key, value in binding.items():
                if _IMAGE_PARAMETER_RE.fullmatch(key) and isinstance(value, str) and _PINNED_RE.fullmatch(value):
                    item = found_item(value, origin, "orb job image parameter")
                    found += [item] if item and all((e.text, e.line) != (item.text, item.line) for e in found) else []
    return found


def _unknown_parameter(item: Found) -> Found:
    if item.problem is None and "<<" in item.text:
        return dataclasses.replace(item, problem=_UNKNOWN)
    return item


def _docker_lists(node: object, seen: set[int]) -> Iterator[list[Any]]:
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    for name, child in node.items() if isinstance(node, dict) else enumerate(node):
        if name == "docker" and isinstance(child, list):
            yield child
        else:
            yield from _docker_lists(child, seen)


def _defaults(parameters: object) -> Binding:
    """The `default` of each declared parameter that has one."""
    if not isinstance(parameters, dict):
        return {}
    return {
        str(name): spec["default"]
        for name, spec in parameters.items()
        if isinstance(spec, dict) and "default" in spec and spec["default"] is not None
    }


def _invocations(doc: Mapping[str, Any]) -> dict[str, list[Binding]]:
    """The arguments each workflow gives each job it runs, one binding per matrix combination."""
    calls: dict[str, list[Binding]] = {}
    workflows = doc.get("workflows")
    for workflow in workflows.values() if isinstance(workflows, dict) else []:
        jobs = workflow.get("jobs") if isinstance(workflow, dict) else None
        for entry in jobs if isinstance(jobs, list) else []:
            if isinstance(entry, str):
                calls.setdefault(entry, []).append({})
            elif isinstance(entry, dict) and len(entry) == 1:
                name, arguments = next(iter(entry.items()))
                calls.setdefault(str(name), []).extend(_combinations(arguments if isinstance(arguments, dict) else {}))
    return calls


def _combinations(arguments: Mapping[str, Any]) -> list[Binding]:
    matrix = arguments.get("matrix")
    given = {str(key): value for key, value in arguments.items() if key != "matrix"}
    axes = matrix.get("parameters") if isinstance(matrix, dict) else None
    if not isinstance(axes, dict) or not axes:
        return [given]
    names = [str(name) for name in axes]
    lists = [values if isinstance(values, list) else [values] for values in axes.values()]
    excluded = matrix.get("exclude") if isinstance(matrix, dict) else None
    combos = [dict(zip(names, values, strict=True)) for values in itertools.product(*lists)]
    skip = [rule for rule in excluded if isinstance(rule, dict)] if isinstance(excluded, list) else []
    kept = [combo for combo in combos if not any(_matches(combo, rule) for rule in skip)]
    return [given | combo for combo in kept]


def _matches(combo: Binding, rule: Mapping[str, Any]) -> bool:
    return all(str(combo.get(str(key))) == str(value) for key, value in rule.items())


def _docker_bindings(doc: Mapping[str, Any]) -> dict[int, list[Binding]]:
    """For the `docker:` list of each job and executor, the parameter values of each way it runs."""
    jobs = _mapping(doc.get("jobs"))
    executors = _mapping(doc.get("executors"))
    calls = _invocations(doc)
    bindings: dict[int, list[Binding]] = {}
    used: set[str] = set()
    for name, job in jobs.items():
        if not isinstance(job, dict):
            continue
        defaults = _defaults(job.get("parameters"))
        runs = [defaults | call for call in calls.get(str(name), [{}])]
        if isinstance(job.get("docker"), list):
            bindings.setdefault(id(job["docker"]), []).extend(runs)
        executor, arguments = _executor_call(job.get("executor"))
        target = executors.get(executor) if executor else None
        if isinstance(target, dict) and isinstance(target.get("docker"), list):
            used.add(str(executor))
            own = _defaults(target.get("parameters"))
            for run in runs:
                given = {key: _substituted(value, run) for key, value in arguments.items()}
                bindings.setdefault(id(target["docker"]), []).append(own | given)
    for name, executor_spec in executors.items():
        if str(name) not in used and isinstance(executor_spec, dict) and isinstance(executor_spec.get("docker"), list):
            bindings.setdefault(id(executor_spec["docker"]), []).append(_defaults(executor_spec.get("parameters")))
    return bindings


def _mapping(value: object) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _executor_call(executor: object) -> tuple[str | None, Binding]:
    if isinstance(executor, str):
        return executor, {}
    if isinstance(executor, dict) and isinstance(executor.get("name"), str):
        return executor["name"], {str(key): value for key, value in executor.items() if key != "name"}
    return None, {}


def _substituted(value: object, binding: Binding) -> object:
    """An argument written as one of the job's own parameters, `<< parameters.pg >>`, is that parameter's value."""
    if isinstance(value, str):
        match = _PARAMETER_RE.fullmatch(value.strip())
        if match and not match.group(1) and match.group(2) in binding:
            return binding[match.group(2)]
    return value


def _expansions(image: object, bindings: list[Binding], pipeline: Binding) -> list[object]:
    """`image` once per binding, its parameters replaced; as written when one has no value there."""
    if not isinstance(image, str) or not _PARAMETER_RE.search(image):
        return [image]
    return [_expanded(image, binding, pipeline) for binding in bindings]


def _expanded(image: str, binding: Binding, pipeline: Binding) -> object:
    whole = _PARAMETER_RE.fullmatch(image.strip())
    values: list[object] = []
    for match in _PARAMETER_RE.finditer(image):
        source = pipeline if match.group(1) else binding
        if match.group(2) not in source:
            return image
        values.append(source[match.group(2)])
    first = values[0] if whole else None
    pending = list(values)
    text = _PARAMETER_RE.sub(lambda _: str(pending.pop(0)), image)
    if _PARAMETER_RE.search(text) and text != image:  # a value that is itself `<< pipeline.parameters.X >>`
        resolved = _expanded(text, {}, pipeline)
        text = resolved if isinstance(resolved, str) else text
    return located(text, line_of(first) or line_of(image))
