"""The images custom resources name as a mapping of a repository and a tag (pure).

Operators whose resources run containers often take the image as Helm values do: VictoriaMetrics' `VMAlert` says
`image: {repository: victoriametrics/vmalert, tag: v1.136.0}`, and the operator runs
`victoriametrics/vmalert:v1.136.0`. Read in a custom resource (an `apiVersion` whose group has a dot and is not a
Kubernetes group, `*.k8s.io`; not a Flux `HelmRelease`, whose values are read as a chart's): each mapping under an
`image` key with a non-empty `repository` and `tag` (a string or a number), at the repository's line. A mapping with
only one of them takes the operator's default for the other, which only the operator's version says: not read.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, located
from ecr_mirror.choose.discovery.yaml_walk import entries


def _custom(doc: dict[object, object]) -> bool:
    group = str(doc.get("apiVersion", "")).rpartition("/")[0]
    return "." in group and not group.endswith(".k8s.io") and doc.get("kind") != "HelmRelease"


def resource_image_mappings(doc: object, origin: str) -> list[Found]:
    """The `image: {repository, tag}` mappings of a custom resource, as images."""
    if not isinstance(doc, dict) or not _custom(doc):
        return []
    found: list[Found] = []
    for _, name, child in entries(doc, set()):
        if name != "image" or not isinstance(child, dict):
            continue
        repository, tag = child.get("repository"), child.get("tag")
        if not isinstance(repository, str) or not repository.strip() or isinstance(tag, bool):
            continue
        if not isinstance(tag, str | int | float) or not str(tag).strip():
            continue
        item = found_item(located(f"{repository.strip()}:{str(tag).strip()}", line_of(repository)), origin, "image")
        found += [item] if item is not None else []
    return found
