"""CI files known by their shape rather than by their name or place (pure).

- A GitHub Actions workflow kept outside `.github/workflows/`: a mapping with `on` and `jobs`, each job with
  `runs-on` (or calling a reusable workflow with `uses`) and at least one job with `runs-on` (the pipelines an
  acceptance test runs on the self-hosted runners it deploys, a workflow kept for forks to copy in). Read as a
  workflow (github_actions.py): job containers, services and `docker://` steps, over the job's matrix.
- Prow's job configs (https://docs.prow.k8s.io/docs/jobs/): `presubmits`, `postsubmits` (a list, in a repository's
  `.prow.yaml`, or a list per `org/repo` in the instance's job config) and `periodics`, each job a pod spec whose
  `containers` and `initContainers` images the cluster pulls (Prow's containers need no `name`), and the images that
  decorate a job (`decoration_config.utility_images`: clonerefs, initupload, entrypoint, sidecar), also the
  defaults the instance's `config.yaml` gives every decorated job (`plank.default_decoration_configs`, a mapping by
  repository or a list of `{repo, config}`).
- An Azure Pipelines file kept where no name or directory says it is one (a pipeline's YAML is at any path its
  settings name: dotnet's `eng/pipelines/docker-tools-packages-pr.yml`): a mapping whose `resources.containers` lists
  container resources, each with its `container` alias and `image`
  (https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/resources-containers-container). Read as an
  Azure Pipelines file (azure_pipelines.py): the resources, the jobs' `container:` and `services:`.
- A Concourse pipeline (top-level `jobs` with a `plan`) or task file (top-level `platform` and `run`): concourse.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from ecr_mirror.choose.discovery.azure_pipelines import azure_pipelines_images
from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.concourse import concourse_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import workflow_images

WORKFLOW_KIND = "GitHub Actions workflow"
PROW_KIND = "Prow job config"
AZURE_KIND = "Azure Pipelines file"
_JOB_LISTS = ("presubmits", "postsubmits", "periodics")


def looks_like_workflow(doc: object) -> bool:
    """A GitHub Actions workflow: `on` (read by YAML 1.1 as true) and `jobs`, every job running on a runner or
    calling a reusable workflow, one at least on a runner."""
    if not isinstance(doc, dict) or not ("on" in doc or True in doc) or not isinstance(doc.get("jobs"), dict):
        return False
    jobs = list(doc["jobs"].values())
    runs = [isinstance(job, dict) and "runs-on" in job for job in jobs]
    return any(runs) and all(
        ran or (isinstance(job, dict) and "uses" in job) for ran, job in zip(runs, jobs, strict=True)
    )


def _jobs(value: object) -> Iterator[dict[Any, Any]]:
    """The jobs of a `presubmits` value: a list, or a mapping of `org/repo` to a list."""
    lists = value.values() if isinstance(value, dict) else [value]
    for jobs in lists:
        for job in jobs if isinstance(jobs, list) else ():
            if isinstance(job, dict) and isinstance(job.get("name"), str):
                yield job


def _decoration(config: object) -> list[tuple[object, str]]:
    images = config.get("utility_images") if isinstance(config, dict) else None
    return [(image, f"utility_images.{key}") for key, image in images.items()] if isinstance(images, dict) else []


def _defaults(plank: object) -> list[tuple[object, str]]:
    """The utility images of `plank.default_decoration_configs` (by repository, or a list of `{repo, config}`)."""
    configs = plank.get("default_decoration_configs") if isinstance(plank, dict) else None
    values = configs.values() if isinstance(configs, dict) else configs if isinstance(configs, list) else []
    out: list[tuple[object, str]] = []
    for value in values:
        out += _decoration(value.get("config") if isinstance(value, dict) and "config" in value else value)
    return out + _decoration(plank.get("default_decoration_config") if isinstance(plank, dict) else None)


def looks_like_prow(doc: object) -> bool:
    """Prow's job config (jobs with a pod `spec`) or its instance config (`plank` decoration defaults)."""
    if not isinstance(doc, dict):
        return False
    if _defaults(doc.get("plank")):
        return True
    return any(isinstance(job.get("spec"), dict) for key in _JOB_LISTS for job in _jobs(doc.get(key)))


def _prow_values(doc: dict[Any, Any]) -> list[tuple[object, str]]:
    values = _defaults(doc.get("plank"))
    for key in _JOB_LISTS:
        for job in _jobs(doc.get(key)):
            spec = job.get("spec")
            for field in ("initContainers", "containers"):
                containers = spec.get(field) if isinstance(spec, dict) else None
                for container in containers if isinstance(containers, list) else ():
                    values += [(container.get("image"), f"{field} image")] if isinstance(container, dict) else []
            values += _decoration(job.get("decoration_config"))
    return values


def looks_like_azure_pipeline(doc: object) -> bool:
    """An Azure Pipelines file: `resources.containers`, each entry with a `container` alias and an `image`."""
    resources = doc.get("resources") if isinstance(doc, dict) else None
    containers = resources.get("containers") if isinstance(resources, dict) else None
    return (
        bool(containers)
        and isinstance(containers, list)
        and all(isinstance(entry, dict) and "container" in entry and "image" in entry for entry in containers)
    )


def shaped_ci_images(documents: Sequence[object], text: str, origin: str) -> list[Found] | None:
    """The images of a workflow, an Azure pipeline, a Concourse pipeline or task file or a Prow config known by its
    shape; None when `documents` are none of them."""
    if any(looks_like_workflow(doc) for doc in documents):
        return [dataclasses.replace(item, kind=WORKFLOW_KIND) for item in workflow_images(text, origin)]
    if any(looks_like_azure_pipeline(doc) for doc in documents):
        return [dataclasses.replace(item, kind=AZURE_KIND) for item in azure_pipelines_images(text, origin)]
    if (concourse := concourse_images(list(documents), origin)) is not None:
        return concourse  # a Concourse pipeline or task file (concourse.py)
    if not any(looks_like_prow(doc) for doc in documents):
        return None
    found: list[Found] = []
    for doc in documents:
        for value, use in _prow_values(doc) if isinstance(doc, dict) and looks_like_prow(doc) else ():
            item = found_item(value, origin, use)
            found += [dataclasses.replace(item, kind=PROW_KIND)] if item else []
    return found
