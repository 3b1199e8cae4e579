"""The `image:` lines of a chart's templates that a values file given over the chart's own renders otherwise (pure):
chart-testing's `ci/*-values.yaml` setting a shared tag (`imageTag: latest`), each line rendered as
helm_template_lines.py renders it, with the values merged as helm merges them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ecr_mirror.choose.discovery.helm_template_lines import Rendered, rendered_images
from ecr_mirror.choose.discovery.yaml_loader import line_of


def merged_values(base: object, over: object) -> object:
    """`over` given over `base` as helm merges values files: mappings key by key, anything else replaced."""
    if not isinstance(base, Mapping) or not isinstance(over, Mapping):
        return over
    return {**base, **{key: merged_values(base.get(key), value) for key, value in over.items()}}


def _leaves(node: object) -> Iterator[object]:
    for child in node.values() if isinstance(node, Mapping) else node if isinstance(node, list) else ():
        yield from _leaves(child) if isinstance(child, Mapping | list) else (child,)


def override_images(templates: str, base: object, values: object, versions: Mapping[str, str | None]) -> list[Rendered]:
    """The `image:` lines that `values`, a file given over the chart's `base` values (chart-testing's
    `ci/*-values.yaml` setting a shared tag: `imageTag: latest`), renders otherwise than `base` alone does; each at
    the line of the first string of `values` it read."""
    if not isinstance(base, Mapping) or not isinstance(values, Mapping):
        return []
    own = {id(leaf) for leaf in _leaves(values) if isinstance(leaf, str)}
    before = {rendered.text for rendered in rendered_images(templates, base, versions)}
    out: list[Rendered] = []
    for rendered in rendered_images(templates, merged_values(base, values), versions):
        lines = [line_of(value) for value in rendered.read if id(value) in own and isinstance(value, str)]
        if rendered.text not in before and lines and lines[0] is not None:
            out.append(rendered._replace(line=lines[0]))
    return out
