"""The images the values file of a Helm chart in the tree names, by the conventions charts follow (pure).

A chart's templates build each image from its values, most often as `image: {registry, repository, tag, digest}`
(the `helm create` scaffold, Bitnami charts and the subchart values a parent sets: `postgresql.image.repository`).
Read in a values file: every mapping with a `repository` (or, for a mapping named `image` or `*Image`, a `repo`)
that names an image and a `tag`, `digest`, `registry` or `pullPolicy` beside it
(`[registry/]repository[:tag][@digest]`; none with `pullPolicy: Never`, which is never pulled), and every `image:`
string (sidecars, init containers the templates copy as they are). An empty or missing tag is the chart's appVersion
or its version only where a template of the chart says which (`.Values.image.tag | default .Chart.AppVersion`, the
scaffold's words, `| default .Chart.Version`, `default (printf "v%s" .Chart.AppVersion) .Values.image.tag`, the
same prefix as `(cat "v" .Chart.AppVersion | replace " " "")`, or a
named template that falls back to one of them and is given the image's values: `include "x.image" (dict "imageRoot"
.Values.images.django.image "chart" .Chart)`, or passed the version under a key of its own: `(dict
"chartAppVersion" .Chart.AppVersion "image" .Values.image)` with `.image.tag | default .chartAppVersion`, or by
position: `template "image" (tuple .Values.image $.Chart.AppVersion)` with `index . 1`); otherwise,
or when two templates differ, it is unresolved. A values file given over the chart's `values.yaml` (`ci/*-values.yaml`)
that sets only an image's tag (`image: {tag: main}`) names the defaults' image with that tag. Values a
marketplace replaces (Azure's `global.azure.images`, Oracle's `oci_meta`) are placeholders, not read. A template's
`image:` line made only of values lookups is rendered with the values file too (helm_template_lines.py: a shared
`images.tag`, names under keys of any name); an `image:` string such lines render is the images they make (`image:
mysql` beside `imageTag: 8.0.36`, joined by `{{ .Values.db.image }}:{{ .Values.db.imageTag }}`), not the bare name,
and so is a mapping left without a tag that such lines render from its values alone (`reference:
0.41.0@sha256:...` beside `repository`, joined by `{{ .Values.image.repository }}:{{ .Values.image.reference }}`), and
a `repository` such lines complete with a path of their own (`{{ .Values.image.repository }}/scylla-operator:...`:
helm_rendered.py). What a template does besides (a computed prefix, another key) is not known without `helm template`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_block_containers import block_container_images
from ecr_mirror.choose.discovery.helm_branches import taken_branches
from ecr_mirror.choose.discovery.helm_default_tags import CAT_RE, default_tag, values_tag_path
from ecr_mirror.choose.discovery.helm_digest_only import digest_replaces_tag
from ecr_mirror.choose.discovery.helm_indexed_maps import indexed_entries
from ecr_mirror.choose.discovery.helm_joined import (
    fallback_registry,
    joined_name,
    named_image,
    registry_name_tag,
    version_tag,
)
from ecr_mirror.choose.discovery.helm_override_lines import override_images
from ecr_mirror.choose.discovery.helm_rendered import (
    as_rendered,
    at_bare_name,
    at_registered,
    completes,
    extends,
    registered,
)
from ecr_mirror.choose.discovery.helm_scopes import with_scopes
from ecr_mirror.choose.discovery.helm_subcharts import with_handed_down
from ecr_mirror.choose.discovery.helm_suffixes import suffix_added, tag_suffixes
from ecr_mirror.choose.discovery.helm_tagged import tagged_elsewhere
from ecr_mirror.choose.discovery.helm_template_lines import rendered_images
from ecr_mirror.choose.discovery.helm_tpl_values import calls_tpl, tpl_rendered
from ecr_mirror.choose.discovery.helm_variables import with_variables
from ecr_mirror.choose.discovery.helm_whole_keys import whole_key_images
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located
from ecr_mirror.errors import ConfigError

KIND = "Helm values"
_BESIDE_REPOSITORY = ("tag", "digest", "registry", "pullPolicy")
_IMAGE_LINE_RE = re.compile(r"[ \t-]*image:")  # a template line's `image:` key
_INCLUDE_RE = re.compile(r"\binclude\b")
_NOT_AN_IMAGE_RE = re.compile(r"://|\s|^git@|\.git$")
# Values a marketplace replaces with its own registry's images when it packages the chart: Azure Marketplace's
# `global.azure.images` (learn.microsoft.com: azure-container-technical-assets-kubernetes) and Oracle Cloud
# Marketplace's `oci_meta`: placeholders, not what the chart pulls.
_MARKETPLACE = (("global", "azure", "images"), ("oci_meta",))


def _text(value: object) -> str:
    return "" if value is None or isinstance(value, dict | list | bool) else str(value).strip()


def _mapping_image(
    node: dict[Any, Any],
    path: tuple[str, ...],
    origin: str,
    versions: dict[str, str | None],
    templates: str,
    root: object = None,
) -> Found | None:
    """The image of a mapping of the values at `path` (`repository`, `registry`, `tag`, ...); `root`: the whole
    values document, where the templates default an empty tag to another image's."""
    repository = node.get("repository")
    if repository is None and path and path[-1].lower().endswith("image"):
        repository = node.get("repo")  # `image: {repo: mongo, tag: 4.4.0}` (the Sock Shop chart)
    if repository is None:
        repository = named_image(
            node, path, templates
        )  # yugaware's `image: {postgres: {registry: "", name: postgres, ...}}`
    if not isinstance(repository, str) or not repository.strip() or _NOT_AN_IMAGE_RE.search(repository.strip()):
        return None
    beside = any(key in node for key in _BESIDE_REPOSITORY) or _given_whole(path, templates)
    if not beside or _text(node.get("pullPolicy")) == "Never":
        return None  # `pullPolicy: Never`: an image loaded into the cluster beforehand, never pulled
    registry, tag, digest = fallback_registry(node, templates), _text(node.get("tag")), _text(node.get("digest"))
    if not tag and not digest:
        tag, digest = version_tag(node, templates)  # sigstore's `version: sha256:...`, joined by its helper
    name = f"{registry}/{repository.strip()}" if registry else repository.strip()
    # a repository a parent chart sets for a subchart keeps no line: the image is the subchart's, at its tag's line
    line = line_of(repository) or line_of(node.get("tag"))
    # `.Values.runners.image.tag | default .Values.image.tag`; an empty `registry` beside it the templates may default
    # too: the template lines say (helm_template_lines.py)
    if not tag and not digest and ("registry" not in node or registry) and (other := values_tag_path(path, templates)):
        tag = _text(_at(root, other))
    if not tag and not digest and (default := default_tag(path, templates)):
        form, field = default  # field "": a literal default, `default "latest" .Values.image.tag`
        if not field or versions.get(field):
            tag = form.replace("%s", versions[field] or "", 1) if field else form
    if not tag and not digest:
        why = "the tag is the one the chart's templates give (render the chart with `helm template`)"
        return Found(name, origin, line, why, "values image", KIND)
    if tag and digest and digest_replaces_tag(templates):
        tag = ""  # the chart's helper prints `repository@digest` when a digest is set (Bitnami's common chart)
    if tag:
        tag += "".join(suffix_added(suffix, node.get(key)) for key, suffix in tag_suffixes(path, templates).items())
    text = name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
    item = found_item(located(text, line or 0), origin, "values image")
    return dataclasses.replace(item, kind=KIND) if item else None


def _given_whole(path: tuple[str, ...], templates: str) -> bool:
    """Whether an `image:` line of the templates gives the mapping at `path` (a key `image`) whole to a helper
    (`image: {{ include "imageUrl" (list .Values.postgresql.image $) }}`): a repository alone, no tag beside it, is
    then an image whose tag the helper gives. Each occurrence of the lookup is checked against its line's start
    (an `image:` key, an `include` before it), each line read once: linear in the templates."""
    if not path or path[-1] != "image" or "image" not in templates:
        return False
    lookup = ".Values." + ".".join(path)
    lines: dict[int, int] = {}  # a line's start -> where its first `include` is (-1: none, or no `image:` line)
    start, scanned = 0, 0  # the current occurrence's line start, found by scanning each stretch of text once
    at = templates.find(lookup)
    while at >= 0:
        end = at + len(lookup)
        newline, scanned = templates.rfind("\n", scanned, at), at
        start = newline + 1 if newline >= 0 else start
        if end >= len(templates) or not (templates[end].isalnum() or templates[end] in "_.-"):
            if start not in lines:
                eol = templates.find("\n", start)
                include = _INCLUDE_RE.search(templates, start, len(templates) if eol < 0 else eol)
                image_line = _IMAGE_LINE_RE.match(templates, start) is not None
                lines[start] = include.start() if include is not None and image_line else -1
            if 0 <= lines[start] < at:
                return True
        at = templates.find(lookup, end)
    return False


def _at(document: object, path: tuple[str, ...]) -> object:
    for key in path:
        if not isinstance(document, dict) or key not in document:
            return None
        document = document[key]
    return document


def _overridden(
    node: dict[Any, Any],
    path: tuple[str, ...],
    origin: str,
    defaults: object,
    versions: dict[str, str | None],
    templates: str,
) -> Found | None:
    """The image of a mapping of a values file given over the chart's defaults that sets a `tag`, `digest` or
    `registry` and no repository: the defaults' image at the same path, merged as Helm merges them, at the line of
    what the file sets."""
    if "repository" in node or "repo" in node or not node:
        return None
    base = _at(defaults, path)
    if not isinstance(base, dict) or not ("repository" in base or "repo" in base):
        return None
    sets = ("tag", "digest", "registry", *tag_suffixes(path, templates))
    if not any(key in node for key in sets):
        return None
    if {**base, **node} == base:
        return None
    item = _mapping_image({**base, **node}, path, origin, versions, templates)
    lines = [line_of(node.get(key)) for key in sets] + [line_of(v) for v in node.values()]
    return dataclasses.replace(item, line=next((line for line in lines if line), None)) if item else None


def _defaults_document(defaults: str | None) -> object:
    """The chart's default values (None when there are none or they do not parse: their own reading reports it)."""
    try:
        return next(iter(load_documents(defaults, "values.yaml")), None) if defaults is not None else None
    except ConfigError:
        return None


def _walk(node: object, path: tuple[str, ...], seen: set[int]) -> Iterator[tuple[object, tuple[str, ...]]]:
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    yield node, path
    for key, child in node.items() if isinstance(node, dict) else enumerate(node):
        yield from _walk(child, (*path, str(key)), seen)


def helm_values_images(
    text: str,
    origin: str,
    *,
    app_version: str | None,
    templates: str,
    chart_version: str | None = None,
    defaults: str | None = None,
    handed: dict[str, object] | None = None,
) -> list[Found]:
    """`app_version`, `chart_version`: the chart's `appVersion` and `version`; `templates`: the text of its
    templates (to see how tags default); `defaults`: the text of the chart's `values.yaml` when `text` is another
    values file, given over it (`ci/*-values.yaml`); `handed`: what a parent chart gives a subchart over `text`, its
    `values.yaml` (helm_subcharts.py)."""
    versions = {"AppVersion": app_version, "Version": chart_version}
    as_written = templates
    templates = with_scopes(with_variables(CAT_RE.sub(r'(printf "\1%s" \2)', templates)))
    base = _defaults_document(defaults)
    found: list[Found] = []
    bare: set[int] = set()  # lines of `image:` strings
    at_bare: dict[int | None, dict[str, Found]] = {}  # what template lines render at those lines
    as_read: list[Found] = []  # template lines rendering what the values reading took, at the same line
    chart_templates = templates
    tpl = calls_tpl(chart_templates)
    for doc in (with_handed_down(own, handed) for own in load_documents(text, origin)):
        templates = taken_branches(chart_templates, doc)  # the branches these values take
        for node, path in _walk(doc, (), set()):
            if any(path[: len(prefix)] == prefix for prefix in _MARKETPLACE):
                continue
            if isinstance(node, dict):
                named = joined_name(node, templates, path) or node
                item = _mapping_image(named, path, origin, versions, templates, doc)
                joined = registry_name_tag(node, templates)
                each = found_item(joined, origin, "values image") if joined is not None else None
                found += [dataclasses.replace(each, kind=KIND)] if each and (each.line or not handed) else []
                item = item or _overridden(node, path, origin, base, versions, templates)
                found += [item] if item and (item.line or not handed) else []  # no line: what the parent sets
            wholes = whole_key_images(node, path, templates, origin, KIND) if isinstance(node, dict) else []
            entries = indexed_entries(node, path, as_written) if isinstance(node, dict) else []
            items = (found_item(entry, origin, "values image") for entry in entries)  # `index` of a map of images
            wholes += [dataclasses.replace(item, kind=KIND) for item in items if item]
            found += [whole for whole in wholes if whole.line or not handed]
            if isinstance(node, dict) and isinstance(node.get("image"), str):
                item = tagged_elsewhere(node, origin, KIND) or found_item(node["image"], origin, "values image")
                found += [dataclasses.replace(item, kind=KIND)] if item and (item.line or not handed) else []
                bare |= {item.line} if item and item.line else set()
        found += [dataclasses.replace(each, kind=KIND) for each in block_container_images(doc, origin)]  # `tpl`
        found = tpl_rendered(found, origin, doc, base, versions) if tpl else found  # `tpl $img $root`
        read = {each.line for each in found if each.origin == origin}  # lines the values reading took
        renders = rendered_images(templates, doc, versions) if isinstance(doc, dict) else []
        renders = [each for each in renders if any(value is not None for value in each.read)]
        for rendered in renders + override_images(templates, base, doc, versions):
            item = at_bare_name(
                found_item(located(rendered.text, rendered.line or 0), origin, "values image"), rendered.read, bare
            )
            item = at_registered(item, rendered.read, found)  # a registry read first, from above the mapping
            if item and (
                item.line in bare
                or (rendered.whole and completes(item, found))
                or extends(item, found)
                or registered(item, found)
            ):
                at_bare.setdefault(item.line, {})[item.text] = dataclasses.replace(item, kind=KIND)
            # a name the mapping reading took already (listed, or unresolved where templates disagree) stays so;
            # two template lines that render one name differently (a tag held back in one) are two images
            elif item and item.line not in read and all(e.text != item.text or e.line != item.line for e in found):
                found.append(dataclasses.replace(item, kind=KIND))
            elif item and any(e.text == item.text and e.line == item.line and e.problem is None for e in found):
                as_read.append(dataclasses.replace(item, kind=KIND))  # a line that renders the name as read
    for item in as_read:  # kept beside what another line renders at its values line (a registry put before it)
        if item.line in at_bare:
            at_bare[item.line].setdefault(item.text, item)
    return as_rendered(found, at_bare)


def release_values_images(values: object, origin: str) -> list[Found]:
    """The image mappings of the values a release gives a chart that is not in the tree (a Flux HelmRelease's
    `spec.values`): `{registry, repository, tag, digest}` as in a chart's values; an empty tag is the chart's
    decision, unresolved. Its `image:` strings are read as the manifest's."""
    found: list[Found] = []
    for node, path in _walk(values, (), set()):
        item = _mapping_image(node, path, origin, {}, "") if isinstance(node, dict) else None
        found += [dataclasses.replace(item, kind="Kubernetes manifest", use="values image")] if item else []
    return found
