"""The images a registry-sync configuration copies (pure): each source is pulled when the sync runs.

Read, when every document of a YAML file has one of these shapes:
- regsync's configuration (regclient, https://regclient.org/usage/regsync/): a `sync:` list of entries with `source`
  and `target`; the `source` of an entry of `type: image` (one of `type: repository` copies tags the registry lists
  when it runs: not read);
- the image list of kyma's image-syncer (https://github.com/kyma-project/test-infra/tree/main/cmd/image-syncer):
  only an `images:` list of entries with a `source` (a `tag` beside a digest names the tag it is given);
- skopeo sync's YAML source (https://github.com/containers/skopeo/blob/main/docs/skopeo-sync.1.md#yaml-file-content-used-source-for---src-yaml):
  registry hosts, each with `images:`, a map of repository to the tags (or `sha256:` digests) copied:
  `HOST/REPOSITORY:TAG` (`images-by-tag-regex` and `images-by-semver` match tags the registry lists: not read).
Each listed at its source's line, `use` `regsync source`, `image-syncer source` or `skopeo sync source`, `kind`
`image sync list`.
"""

from __future__ import annotations

import dataclasses
import re

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, located

KIND = "image sync list"
_HOST_RE = re.compile(r"(?:[\w-]+\.)+[\w-]+(?::\d+)?|localhost(?::\d+)?|[\w-]+:\d+")
_DIGEST_RE = re.compile(r"sha256:[0-9a-f]{64}")


def _entries(value: object) -> list[dict[object, object]] | None:
    """A list of mappings, or None when `value` is anything else."""
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        return None
    return [entry for entry in value if isinstance(entry, dict)]


def _regsync(doc: object) -> list[object] | None:
    entries = _entries(doc.get("sync")) if isinstance(doc, dict) else None
    if not entries or not all("source" in entry and "target" in entry for entry in entries):
        return None
    return [entry["source"] for entry in entries if entry.get("type", "image") == "image"]


def _image_syncer(doc: object) -> list[object] | None:
    entries = _entries(doc.get("images")) if isinstance(doc, dict) and set(doc) == {"images"} else None
    if not entries or not all("source" in entry for entry in entries):
        return None
    return [entry["source"] for entry in entries]


def _skopeo_sync(doc: object) -> list[object] | None:
    if not isinstance(doc, dict) or not doc:
        return None
    sources: list[object] = []
    for host, registry in doc.items():
        if not isinstance(host, str) or not _HOST_RE.fullmatch(host) or not isinstance(registry, dict):
            return None
        images = registry.get("images", {})
        if not isinstance(images, dict):
            return None
        for repository, tags in images.items():
            for tag in tags if isinstance(tags, list) else ():
                if not isinstance(tag, str | int | float):
                    continue
                joined = "@" if _DIGEST_RE.fullmatch(str(tag)) else ":"
                sources.append(located(f"{host}/{repository}{joined}{tag}", line_of(tag)))
    return sources if any(isinstance(registry, dict) and "images" in registry for registry in doc.values()) else None


def sync_list_images(documents: list[object], origin: str) -> list[Found] | None:
    """The sources of a regsync, image-syncer or skopeo sync configuration (see the module); None when a document of
    the file has none of their shapes."""
    docs = [doc for doc in documents if doc is not None]
    for read, use in (
        (_regsync, "regsync source"),
        (_image_syncer, "image-syncer source"),
        (_skopeo_sync, "skopeo sync source"),
    ):
        sources = [read(doc) for doc in docs]
        if not docs or any(found is None for found in sources):
            continue
        found: list[Found] = []
        for source in (value for group in sources for value in group or ()):
            item = found_item(source if isinstance(source, str) else str(source), origin, use)  # at its line
            if item is not None:
                found.append(dataclasses.replace(item, kind=KIND))
        return found
    return None
