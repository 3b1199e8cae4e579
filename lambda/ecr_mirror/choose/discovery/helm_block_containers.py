"""The containers a chart's values write as a block of YAML text, which the chart renders with `tpl` (pure).

Charts take extra containers as a string (`customSidecarContainers: |`, `customInitContainers: |`, `extraContainers:
|`, `sidecars: |`) that a template renders with `{{ tpl .Values.customSidecarContainers . }}` (Helm's `tpl`
function renders a string as a template, https://helm.sh/docs/howto/charts_tips_and_tricks/#using-the-tpl-function):
a non-empty one is part of every release. jfrog's `examples/artifactory/logging/values-logging-fluent-bit.yaml`,
`customSidecarContainers: |` / `- name: artifactory-fluent-bit` / `image: "fluent/fluent-bit:2.1.2"`. Read: the
`image` of each container of such a string, under a key ending in `containers` or `sidecars` (any case), that is a
YAML list of mappings, at the line of the `image:` in the file; a string of other text, or a key of another name, is
not.
"""

from __future__ import annotations

from collections.abc import Iterator

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located
from ecr_mirror.errors import ConfigError

_KEYS = ("containers", "sidecars")


def _blocks(node: object, seen: set[int]) -> Iterator[object]:
    """The multi-line strings under a key naming containers, anywhere under `node`."""
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    for key, child in node.items() if isinstance(node, dict) else enumerate(node):
        if isinstance(child, str) and "\n" in child.strip() and str(key).lower().endswith(_KEYS):
            yield child
        yield from _blocks(child, seen)


def block_container_images(doc: object, origin: str) -> list[Found]:
    """The `image` of each container written in a block string of the values document `doc` (see the module)."""
    found: list[Found] = []
    for block in _blocks(doc, set()):
        start = line_of(block)  # the key's line: a block scalar's text starts on the next
        try:
            containers = load_documents(str(block), origin)
        except ConfigError:
            continue
        for listed in containers:
            for container in listed if isinstance(listed, list) else []:
                image = container.get("image") if isinstance(container, dict) else None
                if not isinstance(image, str) or start is None or (at := line_of(image)) is None:
                    continue
                item = found_item(located(image, start + at), origin, "values image (tpl)")
                found += [item] if item else []
    return found
