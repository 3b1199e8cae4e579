"""Carvel's build configurations: kbld's `Config` and kctrl's `PackageBuild` (pure).

kbld (https://carvel.dev/kbld/docs/latest/config/) reads a `Config` document beside the manifests it is given:
`sources[].image` names an image kbld builds from `sources[].path` (with docker, buildx, pack, ko or bazel,
https://carvel.dev/kbld/docs/latest/building/) and puts in place of every `image: NAME` of those manifests;
`destinations[]` are where it pushes what it built (`newImage`); `overrides[]` replace an image by its `newImage`,
which kbld resolves to a digest and the cluster pulls. So the `image:` keys of a `Config` are no pulls but for an
override's `newImage`, and a manifest's untagged `image: NAME` of a source is what kbld built (like a Skaffold
artifact's, cli/discover_builds.py). kctrl's `PackageBuild`
(https://carvel.dev/kapp-controller/docs/latest/kctrl-package-authoring/) names the imgpkg bundle it exports, a push:
no image of it is read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_bases import yaml_documents

KIND = "kbld config"
_KBLD = ("kbld.k14s.io/", "kbld.carvel.dev/")
_KCTRL = "kctrl.carvel.dev/"


def _kbld_config(doc: object) -> bool:
    return isinstance(doc, dict) and doc.get("kind") == "Config" and str(doc.get("apiVersion", "")).startswith(_KBLD)


def _package_build(doc: object) -> bool:
    return (
        isinstance(doc, dict)
        and doc.get("kind") == "PackageBuild"
        and str(doc.get("apiVersion", "")).startswith(_KCTRL)
    )


def _entries(doc: object, key: str) -> Iterator[dict[object, object]]:
    values = doc.get(key) if isinstance(doc, dict) else None
    yield from (entry for entry in (values if isinstance(values, list) else ()) if isinstance(entry, dict))


def carvel_config_images(documents: list[object], origin: str) -> list[Found] | None:
    """The `newImage` of each kbld override when every document of the file is a kbld `Config` or a kctrl
    `PackageBuild`; None when one is anything else."""
    docs = [doc for doc in documents if doc is not None]
    if not docs or not all(_kbld_config(doc) or _package_build(doc) for doc in docs):
        return None
    found: list[Found] = []
    for doc in docs:
        for override in _entries(doc, "overrides"):
            if (item := found_item(override.get("newImage"), origin, "kbld override")) is not None:
                found.append(dataclasses.replace(item, kind=KIND))
    return found


def kbld_sources(text: str, origin: str) -> set[str]:
    """The images the kbld `Config` documents of `text` build (`sources[].image`)."""
    return {
        str(source["image"])
        for doc in yaml_documents(text, origin)
        if _kbld_config(doc)
        for source in _entries(doc, "sources")
        if isinstance(source.get("image"), str)
    }
