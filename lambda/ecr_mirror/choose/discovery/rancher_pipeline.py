"""Rancher pipelines: the image each Run Script step runs in (pure).

Rancher 2.x reads a project's pipeline from `.rancher-pipeline.yml` (or `.yaml`) at the top of its repository
(https://ranchermanager.docs.rancher.com/v2.0-v2.4/reference-guides/pipelines/example-yaml): `stages`, each with
`steps` that run at once. A Run Script step (`runScriptConfig`) runs its `shellScript` in a container of `image`
(https://ranchermanager.docs.rancher.com/v2.0-v2.4/reference-guides/pipelines/pipeline-configuration); a Publish
Image step (`publishImageConfig`) builds `dockerfilePath` (read as any Dockerfile is) and pushes `tag`, so a later
step run from that tag runs what the pipeline built. Rancher's variables (`${CICD_GIT_COMMIT}`,
`${CICD_EXECUTION_SEQUENCE}`) are known when the pipeline runs: unresolved, naming them. Apply YAML and Apply App
steps deploy manifests and catalog apps the other readers see in their own files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.collect import Resolver, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.oci.reference import Reference, reference_or_none

KIND = "Rancher pipeline"


def _explain(name: str) -> str:
    return f"${{{name}}} is a Rancher pipeline variable, known when the pipeline runs"


def _steps(doc: dict[Any, Any]) -> Iterator[dict[Any, Any]]:
    stages = doc.get("stages")
    for stage in stages if isinstance(stages, list) else ():
        steps = stage.get("steps") if isinstance(stage, dict) else None
        yield from (step for step in steps if isinstance(step, dict)) if isinstance(steps, list) else ()


def rancher_pipeline_images(text: str, origin: str) -> list[Found]:
    """The image of each Run Script step, in the order of the stages; one a Publish Image step of an earlier stage
    pushed is built here."""
    resolve: Resolver = lambda value: expand(value, {})  # noqa: E731
    found: list[Found] = []
    built: dict[Reference, str] = {}
    for doc in load_documents(text, origin):
        for step in _steps(doc) if isinstance(doc, dict) else ():
            run, publish = step.get("runScriptConfig"), step.get("publishImageConfig")
            image = run.get("image") if isinstance(run, dict) else None
            item = found_item(image, origin, "Run Script step", resolve, _explain)
            if item is not None:
                ref = reference_or_none(item.text) if item.problem is None else None
                found.append(dataclasses.replace(item, kind=KIND, built=built.get(ref) if ref else None))
            tag = publish.get("tag") if isinstance(publish, dict) else None
            try:
                made = reference_or_none(resolve(tag)) if isinstance(tag, str) else None
            except (Unset, Malformed):
                continue
            if made is not None:
                built.setdefault(made, f"pushed by the Publish Image step at {origin}:{line_of(tag)}")
    return found
