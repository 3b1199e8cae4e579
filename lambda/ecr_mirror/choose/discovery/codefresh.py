"""The images a Codefresh pipeline runs (pure).

A Codefresh pipeline definition (https://codefresh.io/docs/docs/pipelines/what-is-the-codefresh-yaml/) is YAML with
`version: '1.0'` and a mapping of `steps`, kept under any name (`codefresh.yml`, argocd-autopilot's `build/ci.yml`).
A freestyle step, the type a step has without one, "runs any shell command on top of a Docker image": its `image`
(also written `arguments.image`), pulled by the pipeline (https://codefresh.io/docs/docs/pipelines/steps/freestyle/);
and the `services.composition` containers a step runs beside it
(https://codefresh.io/docs/docs/pipelines/service-containers/). A `parallel` step holds `steps` of its own, read the
same. A `build` or `push` step names the image it makes, a `git-clone` step none, and a plugin step (`type:
codecov-reporter`) runs images its type defines elsewhere: not read. `${{VAR}}` is a Codefresh variable (or a build
step's image, `${{build}}`), known when the pipeline runs: unresolved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of

KIND = "Codefresh pipeline"
_VARIABLE = "a Codefresh variable (or a build step's image), known when the pipeline runs"


def looks_like_codefresh(doc: object) -> bool:
    """`version: '1.0'` and a mapping of steps, one at least a freestyle step or a typed one; no Kubernetes header
    (a Codefresh `kind: step-type` definition is a plugin's, not a pipeline)."""
    if not isinstance(doc, dict) or "kind" in doc or "apiVersion" in doc or str(doc.get("version")) != "1.0":
        return False
    steps = doc.get("steps")
    return isinstance(steps, dict) and any(
        isinstance(step, dict) and ("image" in step or "type" in step) for step in steps.values()
    )


_MAX_DEPTH = 8


def _step_images(steps: object, depth: int = 0) -> Iterator[tuple[object, str]]:
    """The images of `steps` and of the parallel steps nested in them, at most `_MAX_DEPTH` deep (a YAML alias may
    make a step hold its own list)."""
    for name, step in steps.items() if isinstance(steps, dict) and depth < _MAX_DEPTH else ():
        if not isinstance(step, dict):
            continue
        kind = str(step.get("type", "freestyle"))
        if kind == "parallel" or isinstance(step.get("steps"), dict):
            yield from _step_images(step.get("steps"), depth + 1)
            continue
        if kind != "freestyle":
            continue
        arguments = step.get("arguments")
        image = step.get("image", arguments.get("image") if isinstance(arguments, dict) else None)
        yield image, f"step {name}"
        services = step.get("services")
        composition = services.get("composition") if isinstance(services, dict) else None
        for service, spec in composition.items() if isinstance(composition, dict) else ():
            yield (spec.get("image") if isinstance(spec, dict) else None), f"step {name} service {service}"


def codefresh_images(documents: list[object], origin: str) -> list[Found] | None:
    """The images of the steps of a Codefresh pipeline; None when `documents` are not one."""
    if not documents or not looks_like_codefresh(documents[0]):
        return None
    doc: dict[Any, Any] = documents[0]  # type: ignore[assignment]
    found: list[Found] = []
    for value, use in _step_images(doc.get("steps")):
        if isinstance(value, str) and "${{" in value:
            found.append(Found(value.strip(), origin, line_of(value), _VARIABLE, use, KIND))
        elif item := found_item(value, origin, use):
            found.append(dataclasses.replace(item, kind=KIND))
    return found
