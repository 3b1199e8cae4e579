"""The values a parent chart hands a subchart in its `charts/` directory (pure).

An umbrella chart (dapr's `charts/dapr`, its `charts/dapr_operator`, ...) sets `global:` values that every subchart
reads as `.Values.global.*` (`image: "{{ .Values.global.registry }}/{{ .Values.image.name }}:{{ .Values.global.tag
}}"`), and values under a subchart's name (or the alias its `dependencies:` entry gives it) that Helm gives over the
subchart's own defaults: "A parent chart can override values for subcharts", "Global values are values that can be
accessed from any chart or subchart by exactly the same name", a parent's globals over a subchart's own
(https://helm.sh/docs/chart_template_guide/subcharts_and_globals/). The strings handed down keep no line, so an image
a subchart's values file names is reported at the line of its own value it is built from, not a line of the
parent's file; a mapping or `image:` string the parent sets is the parent's values file's to report.
"""

from __future__ import annotations

from collections.abc import Mapping

from ecr_mirror.choose.discovery.yaml_loader import Located


def _unlocated(node: object) -> object:
    """`node` with each string a plain one, its line dropped (it is a line of another file)."""
    if isinstance(node, Located):
        return str.__str__(node)
    if isinstance(node, Mapping):
        return {key: _unlocated(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_unlocated(value) for value in node]
    return node


def _merged(base: object, over: object) -> object:
    """`over` given over `base` as Helm coalesces values: mappings key by key, anything else replaced."""
    if not isinstance(base, Mapping) or not isinstance(over, Mapping):
        return over
    return {**base, **{key: _merged(base.get(key), value) for key, value in over.items()}}


def handed_down(parent: object, keys: tuple[str, ...]) -> dict[str, object] | None:
    """What a parent's values (`parent`, themselves as handed down to the parent) give a subchart known by `keys`
    (its name or alias; more than one: the parent's values under none are known to be this one's): the parent's
    `global:` and its values under the subchart's key, lines dropped; None when they give nothing."""
    if not isinstance(parent, Mapping):
        return None
    given: dict[str, object] = {}
    own = parent.get(keys[0]) if len(keys) == 1 else None
    if isinstance(own, Mapping):
        given.update(own)
    if isinstance(parent.get("global"), Mapping):
        given["global"] = _merged(given.get("global"), parent["global"])
    unlocated = _unlocated(given)
    return unlocated if isinstance(unlocated, dict) and unlocated else None


def with_handed_down(values: object, given: Mapping[str, object] | None) -> object:
    """A subchart's own `values` with what its parent gives it over them."""
    if not given:
        return values
    return _merged(values if isinstance(values, Mapping) else {}, given)
