"""Istio's injected image placeholder (pure).

A pod that asks Istio's sidecar injector for its proxy (the `sidecar.istio.io/inject: "true"` label or annotation,
or an `inject.istio.io/templates` annotation naming the `gateway` template) may write its proxy container with
`image: auto`: the injector replaces the placeholder with the proxy image of the control plane when the pod is
created, https://istio.io/latest/docs/setup/additional-setup/gateway/#deploying-a-gateway. So no image named
`auto` is pulled; outside such a document `auto` is read as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from ecr_mirror.choose.discovery.yaml_walk import entries

PLACEHOLDER = "auto"
_MARKERS = ("sidecar.istio.io/inject", "inject.istio.io/templates")


def asks_for_injection(doc: object) -> bool:
    """Whether any `labels` or `annotations` mapping of `doc` carries one of Istio's injection markers."""
    return any(
        key in ("labels", "annotations") and isinstance(child, dict) and any(marker in child for marker in _MARKERS)
        for _, key, child in entries(doc)
    )


def without_injected_placeholder(doc: object, values: Iterable[object]) -> list[object]:
    """`values` (the `image` fields of `doc`) without Istio's `auto` when `doc` asks for the injector."""
    if not asks_for_injection(doc):
        return list(values)
    return [value for value in values if not (isinstance(value, str) and value.strip() == PLACEHOLDER)]
