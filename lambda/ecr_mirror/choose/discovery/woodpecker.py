"""The images a Woodpecker CI pipeline runs (pure).

A workflow file (`.woodpecker.yaml`, `.woodpecker/*.yaml`; https://woodpecker-ci.org/docs/usage/workflow-syntax)
names an `image` for each of its `steps` (a mapping of name to step, or a list of steps with `name`; `pipeline` in
files older than Woodpecker 2), `services` and `clone` steps; a plugin is a step whose image is the plugin
(`woodpeckerci/plugin-docker-buildx`). A top-level `matrix` (https://woodpecker-ci.org/docs/usage/matrix-workflows:
names to lists of values, or `include:` a list of combinations) runs the workflow once per combination with
`${NAME}` substituted, so each image is read once per combination. Another variable (`${CI_COMMIT_TAG}`, ...) is
known when the pipeline runs: unresolved, naming it. YAML anchors (`variables: [&golang_image 'golang:1.27']`) are
resolved by the loader. The `docker run` lines of steps' `commands` are read with the other CI steps
(cli/discover_scripts.py).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import yaml

from ecr_mirror.choose.discovery.collect import Resolver, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import expand
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

_SECTIONS = (("clone", "clone"), ("steps", "steps"), ("pipeline", "steps"), ("services", "services"))
Explain = Callable[[str], str]
MAX_COMBINATIONS = 256  # a matrix larger than this is read with its first combinations only


def _raw_matrix(text: str) -> dict[str, Any]:
    """The `matrix` of the workflow with every value as written (`1.20` stays `1.20`, as Woodpecker reads it)."""
    try:
        # BaseLoader builds only strings, lists and mappings (no objects), every scalar a string
        doc = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))  # noqa: S506
    except yaml.YAMLError:
        return {}
    matrix = doc.get("matrix") if isinstance(doc, dict) else None
    return matrix if isinstance(matrix, dict) else {}


def combinations(text: str) -> list[dict[str, str]]:
    """The workflow's matrix combinations (one empty combination without a matrix)."""
    matrix = _raw_matrix(text)
    include = matrix.get("include")
    if isinstance(include, list):
        combos = [{str(k): str(v) for k, v in entry.items()} for entry in include if isinstance(entry, dict)]
    else:
        axes = [(str(name), values) for name, values in matrix.items() if isinstance(values, list) and values]
        names = [name for name, _ in axes]
        products = itertools.islice(itertools.product(*(values for _, values in axes)), MAX_COMBINATIONS)
        combos = [dict(zip(names, (str(value) for value in values), strict=True)) for values in products]
    return combos[:MAX_COMBINATIONS] or [{}]


def _steps(section: object) -> Iterator[object]:
    """The steps of a section: a mapping's values, or a list's entries."""
    if isinstance(section, dict):
        yield from section.values()
    elif isinstance(section, list):
        yield from section


def _explain(name: str) -> str:
    return f"${{{name}}} is a Woodpecker variable, known when the pipeline runs"


def _substitution(values: Mapping[str, str | None]) -> Resolver:
    return lambda text: expand(text, values)


def _resolved(
    value: str, line: int | None, origin: str, use: str, combos: list[dict[str, str]], explain: Explain
) -> list[Found]:
    found: list[Found] = []
    for combo in combos if "$" in value else [{}]:
        item = found_item(located(value, line), origin, use, _substitution(combo), explain)
        if item is not None and item not in found:
            found.append(item)
    return found


def section_images(
    doc: Mapping[Any, Any], origin: str, combos: Callable[[], list[dict[str, str]]], explain: Explain = _explain
) -> list[Found]:
    """The images of a pipeline document's `clone`, `steps` (`pipeline`) and `services`, once per combination of
    `combos()` (asked for only when an image has a variable); `explain` says what another variable is. Drone's
    pipelines have the same sections (drone.py)."""
    found: list[Found] = []
    for key, use in _SECTIONS:
        for step in _steps(doc.get(key)):
            image = step.get("image") if isinstance(step, dict) else None
            if isinstance(image, str) and image.strip():
                found += _resolved(image, line_of(image), origin, use, combos() if "$" in image else [{}], explain)
    return found


def woodpecker_images(text: str, origin: str) -> list[Found]:
    matrix = functools.cache(lambda: combinations(text))
    return [
        item
        for doc in load_documents(text, origin)
        if isinstance(doc, dict)
        for item in section_images(doc, origin, matrix)
    ]
