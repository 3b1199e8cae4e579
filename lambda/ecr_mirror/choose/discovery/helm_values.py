"""The images the values file of a Helm chart in the tree names, by the conventions charts follow (pure).

A chart's templates build each image from its values, most often as `image: {registry, repository, tag, digest}`
(the `helm create` scaffold, Bitnami charts and the subchart values a parent sets: `postgresql.image.repository`).
Read in a values file: every mapping with a `repository` (or, for a mapping named `image` or `*Image`, a `repo`)
that names an image and a `tag`, `digest`, `registry` or `pullPolicy` beside it
(`[registry/]repository[:tag][@digest]`; none with `pullPolicy: Never`, which is never pulled), and every `image:`
string (sidecars, init containers the templates copy as they are). An empty or missing tag is the chart's appVersion
only where a template of the chart says so (`.Values.image.tag | default .Chart.AppVersion`, the scaffold's words,
or a named template that falls back to `.Chart.AppVersion` and is given the image's values: `include "x.image"
(dict "imageRoot" .Values.images.django.image "chart" .Chart)`); otherwise the reference is unresolved. Values a
marketplace replaces (Azure's `global.azure.images`, Oracle's `oci_meta`) are placeholders, not read. What a
template does besides (a `v` prefix, another key) is not known without
`helm template`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

KIND = "Helm values"
_BESIDE_REPOSITORY = ("tag", "digest", "registry", "pullPolicy")
_NOT_AN_IMAGE_RE = re.compile(r"://|\s|^git@|\.git$")
_DEFINE_RE = re.compile(r"\{\{-?\s*define\s+\"([^\"]+)\"\s*-?\}\}")
_APP_VERSION_RE = re.compile(r"\.(?:Chart|chart)\.AppVersion\b")
# Values a marketplace replaces with its own registry's images when it packages the chart: Azure Marketplace's
# `global.azure.images` (learn.microsoft.com: azure-container-technical-assets-kubernetes) and Oracle Cloud
# Marketplace's `oci_meta`: placeholders, not what the chart pulls.
_MARKETPLACE = (("global", "azure", "images"), ("oci_meta",))


def _text(value: object) -> str:
    return "" if value is None or isinstance(value, dict | list | bool) else str(value).strip()


def _named_templates(templates: str) -> dict[str, str]:
    """`{{ define "NAME" }}` -> its text, up to the next define (enough to see what it reads and includes)."""
    starts = list(_DEFINE_RE.finditer(templates))
    ends = [match.start() for match in starts[1:]] + [len(templates)] if starts else []
    return {match.group(1): templates[match.end() : end] for match, end in zip(starts, ends, strict=True)}


def _app_version_templates(templates: str) -> dict[str, str]:
    """The named templates that give an image tag the chart's appVersion when the tag is empty (a tag and
    `.Chart.AppVersion`, or `.chart.AppVersion` passed in a dict, in one body), and those that include one."""
    named = _named_templates(templates)
    found = {name: body for name, body in named.items() if ".tag" in body and _APP_VERSION_RE.search(body)}
    for _ in range(4):  # templates that include those, a few levels deep
        more = {
            name: body
            for name, body in named.items()
            if name not in found and any(f'"{inner}"' in body for inner in found)
        }
        if not more:
            break
        found.update(more)
    return found


def _defaults_to_app_version(path: tuple[str, ...], templates: str) -> bool:
    """Whether the chart's templates default the empty tag of the image at `path` to the chart's appVersion: in the
    scaffold's words (`.Values.image.tag | default .Chart.AppVersion`), or through a named template given the
    image's values (`include "x.image" (dict "imageRoot" .Values.image "chart" .Chart)`)."""
    dotted = re.escape(".".join(path))
    if re.search(rf"\.Values\.{dotted}\.tag\s*\|\s*default\s+\$?\.Chart\.AppVersion\b", templates):
        return True
    whole = re.compile(rf"\.Values\.{dotted}(?![\w.])")
    return any(whole.search(body) for body in _app_version_templates(templates).values())


def _mapping_image(
    node: dict[Any, Any], path: tuple[str, ...], origin: str, app_version: str | None, templates: str
) -> Found | None:
    repository = node.get("repository")
    if repository is None and path and path[-1].lower().endswith("image"):
        repository = node.get("repo")  # `image: {repo: mongo, tag: 4.4.0}` (the Sock Shop chart)
    if not isinstance(repository, str) or not repository.strip() or _NOT_AN_IMAGE_RE.search(repository.strip()):
        return None
    if not any(key in node for key in _BESIDE_REPOSITORY) or _text(node.get("pullPolicy")) == "Never":
        return None  # `pullPolicy: Never`: an image loaded into the cluster beforehand, never pulled
    registry, tag, digest = (_text(node.get(key)) for key in ("registry", "tag", "digest"))
    name = f"{registry}/{repository.strip()}" if registry else repository.strip()
    line = line_of(repository)
    if not tag and not digest and app_version and _defaults_to_app_version(path, templates):
        tag = app_version
    if not tag and not digest:
        why = "the tag is the one the chart's templates give (render the chart with `helm template`)"
        return Found(name, origin, line, why, "values image", KIND)
    text = name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
    item = found_item(located(text, line or 0), origin, "values image")
    return dataclasses.replace(item, kind=KIND) if item else None


def _walk(node: object, path: tuple[str, ...], seen: set[int]) -> Iterator[tuple[object, tuple[str, ...]]]:
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    yield node, path
    for key, child in node.items() if isinstance(node, dict) else enumerate(node):
        yield from _walk(child, (*path, str(key)), seen)


def helm_values_images(text: str, origin: str, *, app_version: str | None, templates: str) -> list[Found]:
    """`app_version`: the chart's `appVersion`; `templates`: the text of its templates (to see how tags default)."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        for node, path in _walk(doc, (), set()):
            if any(path[: len(prefix)] == prefix for prefix in _MARKETPLACE):
                continue
            if isinstance(node, dict) and (item := _mapping_image(node, path, origin, app_version, templates)):
                found.append(item)
            if isinstance(node, dict) and isinstance(node.get("image"), str):
                item = found_item(node["image"], origin, "values image")
                found += [dataclasses.replace(item, kind=KIND)] if item else []
    return found
