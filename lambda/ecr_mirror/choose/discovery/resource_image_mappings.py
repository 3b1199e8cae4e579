"""The images custom resources name as a mapping of a repository and a tag (pure).

Operators whose resources run containers often take the image as Helm values do: VictoriaMetrics' `VMAlert` says
`image: {repository: victoriametrics/vmalert, tag: v1.136.0}`, and the operator runs
`victoriametrics/vmalert:v1.136.0`. Read in a custom resource (an `apiVersion` whose group has a dot and is not a
Kubernetes group, `*.k8s.io`; not a Flux `HelmRelease`, whose values are read as a chart's): each mapping under an
`image` key with a non-empty `repository` and `tag` (a string or a number; else a `version`, as emqx-operator's
v1beta4 resources write it, `image: {repository: emqx/emqx-ee, version: 4.4.15}`, which its `GetEmqxImage` joins
`emqx/emqx-ee:4.4.15`), at the repository's line. A mapping with
only one of them takes the operator's default for the other, which only the operator's version says: not read.

So is a mapping that names the image whole under `name`, with a tag or a digest and no `tag` beside it: CockroachDB's
operator runs `spec.image.name` of a `CrdbCluster` (`image: {name: cockroachdb/cockroach:v19.2.6}`,
https://github.com/cockroachdb/cockroach-operator/blob/master/examples/example.yaml); a `name` without either is a
repository whose tag the operator chooses, not read.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, located
from ecr_mirror.choose.discovery.yaml_walk import entries
from ecr_mirror.oci.reference import reference_or_none


def _whole_name(mapping: dict[object, object]) -> str | None:
    """The `name` of an image mapping when it is a whole reference, with a tag or digest and no `tag` key beside."""
    name = mapping.get("name")
    if not isinstance(name, str) or "tag" in mapping or "repository" in mapping:
        return None
    reference = reference_or_none(name.strip(), default_tag=None)
    tagged = reference is not None and (reference.tag is not None or reference.digest is not None)
    return name.strip() if tagged else None


def _custom(doc: dict[object, object]) -> bool:
    group = str(doc.get("apiVersion", "")).rpartition("/")[0]
    return "." in group and not group.endswith(".k8s.io") and doc.get("kind") != "HelmRelease"


def resource_image_mappings(doc: object, origin: str) -> list[Found]:
    """The `image: {repository, tag}` and `image: {name}` mappings of a custom resource, as images."""
    if not isinstance(doc, dict) or not _custom(doc):
        return []
    found: list[Found] = []
    for _, name, child in entries(doc, set()):
        if name != "image" or not isinstance(child, dict):
            continue
        if (whole := _whole_name(child)) is not None:
            item = found_item(located(whole, line_of(child["name"])), origin, "image")
            found += [item] if item is not None else []
            continue
        repository, tag = child.get("repository"), child.get("tag", child.get("version"))
        if not isinstance(repository, str) or not repository.strip() or isinstance(tag, bool):
            continue
        if not isinstance(tag, str | int | float) or not str(tag).strip():
            continue
        item = found_item(located(f"{repository.strip()}:{str(tag).strip()}", line_of(repository)), origin, "image")
        found += [item] if item is not None else []
    return found
