"""Which images of a chart's values file the chart's template lines, rendered with those values, stand for (pure).

helm_values.py reads a values file by the conventions charts follow (`image: {repository, tag}`) and renders the
templates' `image:` lines made only of values lookups (helm_template_lines.py). A rendered line replaces what the
conventions read at the same values line when it says more than they do:

- a bare `image:` string that template lines join with its tag (`image: mysql` beside `imageTag: 8.0.36`, and
  `{{ .Values.db.image }}:{{ .Values.db.imageTag }}`) is the images those lines make, not the bare name;
- a mapping left without a tag that a line renders from its values alone (`reference: 0.41.0@sha256:...` beside
  `repository`, joined by `{{ .Values.image.repository }}:{{ .Values.image.reference }}`) is the rendered image;
- a `repository` that the templates complete with a path of their own (`{{ .Values.image.repository
  }}/scylla-operator:{{ .Values.image.tag | default .Chart.AppVersion }}` with `repository: scylladb`) is a prefix,
  not an image: the image is the rendered `scylladb/scylla-operator:latest`, not `scylladb:latest`;
- a mapping whose `registry` is left empty that a line puts on the registry it falls back to (`{{
  .Values.image.registry | default "quay.io" }}/{{ .Values.image.repository }}:...`, or a global registry the
  values set) is the rendered image on that registry, not the mapping's name on Docker Hub; also where the line reads
  that registry first, from a line of the values above the mapping (`{{ .Values.global.dockerRepo }}{{
  .Values.job.image.repository }}:...`, Rancher's `{{ template "system_default_registry" . }}` with
  `global.cattle.systemDefaultRegistry: ghcr.io`): the rendered image stands at the mapping's line.
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of


def _name(text: str) -> str:
    """A reference's name, without its tag and digest (`acme/op:1.2@sha256:...` -> `acme/op`)."""
    name = text.split("@", 1)[0]
    head, _, last = name.rpartition("/")
    return f"{head}/{last.split(':', 1)[0]}" if head else last.split(":", 1)[0]


def completes(item: Found, found: list[Found]) -> bool:
    """Whether `item`, a template line rendered from values alone, is the image of a mapping the values reading left
    without its tag: `image: {repository: ghcr.io/acme/csi, reference: 1.4.0@sha256:...}` joined by
    `{{ .Values.image.repository }}:{{ .Values.image.reference }}` (a tag under a key of another name)."""
    return any(
        each.problem is not None and each.origin == item.origin and each.line == item.line
        for each in found
        if item.text.startswith((f"{each.text}:", f"{each.text}@"))
    )


def extends(item: Found, found: list[Found]) -> bool:
    """Whether `item`, a rendered template line, completes the repository a mapping of the values reading named at
    the same line with a path of the template's own (`scylladb` rendered as `scylladb/scylla-operator:latest`)."""
    return any(
        each.origin == item.origin and each.line == item.line and _name(item.text).startswith(f"{_name(each.text)}/")
        for each in found
    )


def registered(item: Found, found: list[Found]) -> bool:
    """Whether `item`, a rendered template line, is the image a mapping of the values reading named at the same line
    with a registry the line puts before it (`acme/proxy:v1` rendered as `quay.io/acme/proxy:v1`)."""
    return any(
        each.problem is None and each.origin == item.origin and each.line == item.line and _host(item.text, each.text)
        for each in found
    )


def at_registered(item: Found | None, read: tuple[object, ...], found: list[Found]) -> Found | None:
    """`item`, a rendered line placed at the first value it read (a registry), placed instead at the line of a mapping
    of the values reading whose image it is, on a registry the line put before it (registered) or as read."""
    if item is None or registered(item, found):
        return item
    for line in (line_of(value) for value in read if isinstance(value, str)):
        moved = dataclasses.replace(item, line=line)
        if line is not None and line != item.line and (_as_read(moved, found) or registered(moved, found)):
            return moved
    return item


def _as_read(item: Found, found: list[Found]) -> bool:
    return any(each.origin == item.origin and each.line == item.line and each.text == item.text for each in found)


def _host(text: str, name: str) -> bool:
    """Whether `text` is `name` after a registry host (`quay.io/`, `registry.acme.io:5000/mirror/`)."""
    prefix = text[: -len(name) - 1] if text.endswith(f"/{name}") else ""
    return any(mark in prefix.split("/", 1)[0] for mark in ".:") or prefix.split("/", 1)[0] == "localhost"


def as_rendered(found: list[Found], at_bare: dict[int | None, dict[str, Found]]) -> list[Found]:
    """Each item of `found`, or the rendered images that stand for the values at its line."""
    out: list[Found] = []
    for item in found:
        out += list(at_bare[item.line].values()) if item.line in at_bare else [item]
    return out


def at_bare_name(item: Found | None, read: tuple[object, ...], bare: set[int]) -> Found | None:
    """`item`, a rendered line, placed at the bare `image:` string it joins when it read one after another value
    (`{{ .Values.hook.registry }}/{{ .Values.hook.image }}:{{ .Values.hook.version }}`): the image that name stands
    for, not a second one beside it."""
    if item is None or item.line in bare:
        return item
    lines = (line_of(value) for value in read if isinstance(value, str))
    joined = next((line for line in lines if line in bare), None)
    return dataclasses.replace(item, line=joined) if joined is not None else item
