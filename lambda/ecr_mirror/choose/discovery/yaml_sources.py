"""Images named by YAML files: compose, Kubernetes (and Helm-rendered) manifests, CircleCI, and YAML recognised by
its content (pure). GitHub Actions and GitLab CI have their own modules.

Anchors, aliases and merge keys (`<<: *base`) are resolved by the YAML loader; files may hold several documents.
Values are taken only where each tool reads an image:

- compose: `services.*.image`, except services with `build:` (there `image` names what is built, not pulled);
  `${VAR:-default}` interpolation with defaults and with the `.env` text beside the file when the caller passes it
  (compose reads it by default); the environment is not read.
- Kubernetes: every `image:` string anywhere in a document that has `apiVersion` and `kind` (Pods, Deployments,
  CronJobs, custom resources).
- CircleCI (`.circleci/*.yml`): every `image:` under a `docker:` list (jobs and executors); `machine:` images are
  virtual machines, not containers.
- Any other YAML: a document with `apiVersion` and `kind` is read as Kubernetes; one shaped like a GitLab CI file
  (jobs with `script`, `extends` or `trigger`) as GitLab CI (files included from `.gitlab-ci.yml`); other YAML
  (configs, Helm values files) is not read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from ecr_mirror.choose.discovery.collect import Resolver, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gitlab_ci import KEYWORDS, gitlab_documents
from ecr_mirror.choose.discovery.variables import expand
from ecr_mirror.choose.discovery.yaml_loader import load_documents

_GITLAB_JOB_KEYS = ("script", "extends", "trigger")


def _compose_unset(name: str) -> str:
    return f"${{{name}}} has no default and no value in .env (compose also reads the environment; discover does not)"


def compose_images(text: str, origin: str, dotenv: Mapping[str, str] | None = None) -> list[Found]:
    values: dict[str, str | None] = dict(dotenv or {})
    resolve: Resolver = lambda t: expand(t, values, dollar_escape=True)  # noqa: E731
    found: list[Found] = []
    for doc in load_documents(text, origin):
        services = doc.get("services") if isinstance(doc, dict) else None
        for service in services.values() if isinstance(services, dict) else ():
            if isinstance(service, dict) and "build" not in service:
                item = found_item(service.get("image"), origin, "image", resolve, _compose_unset)
                found += [item] if item else []
    return found


def _image_fields(node: object, seen: set[int]) -> Iterator[object]:
    """Every value under an `image` key; an aliased node is walked once (no exponential alias bombs)."""
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    for name, child in node.items() if isinstance(node, dict) else enumerate(node):
        if name == "image" and isinstance(child, str):
            yield child
        else:
            yield from _image_fields(child, seen)


def _kubernetes(doc: object, origin: str) -> list[Found]:
    found: list[Found] = []
    for value in _image_fields(doc, set()):
        item = found_item(value, origin, "image")
        found += [dataclasses.replace(item, kind="Kubernetes manifest")] if item else []
    return found


def kubernetes_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if isinstance(doc, dict) and "apiVersion" in doc and "kind" in doc:
            found += _kubernetes(doc, origin)
    return found


def _circleci_parameter(item: Found) -> Found:
    if item.problem is None and "<<" in item.text:
        why = "a CircleCI parameter (`<< ... >>`), known only when the pipeline runs"
        return dataclasses.replace(item, problem=why)
    return item


def circleci_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        for docker in _docker_lists(doc, set()):
            for entry in docker:
                item = found_item(entry.get("image") if isinstance(entry, dict) else None, origin, "docker image")
                found += [_circleci_parameter(item)] if item else []
    return found


def _docker_lists(node: object, seen: set[int]) -> Iterator[list[Any]]:
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    for name, child in node.items() if isinstance(node, dict) else enumerate(node):
        if name == "docker" and isinstance(child, list):
            yield child
        else:
            yield from _docker_lists(child, seen)


def _looks_like_gitlab(doc: Mapping[Any, Any]) -> bool:
    return any(
        isinstance(job, dict) and any(key in job for key in _GITLAB_JOB_KEYS)
        for name, job in doc.items()
        if name not in KEYWORDS
    )


def yaml_images(text: str, origin: str) -> list[Found]:
    """Any other YAML file: Kubernetes documents, or a GitLab CI file by its shape."""
    documents = load_documents(text, origin)
    if any(isinstance(doc, dict) and "apiVersion" not in doc and _looks_like_gitlab(doc) for doc in documents):
        return [dataclasses.replace(item, kind="GitLab CI file") for item in gitlab_documents(documents, origin)]
    found: list[Found] = []
    for doc in documents:
        if isinstance(doc, dict) and "apiVersion" in doc and "kind" in doc:
            found += _kubernetes(doc, origin)
    return found
