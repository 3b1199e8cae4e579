"""Which layers of a cosign `.sig`/`.att` manifest are worth fetching: their descriptors and annotations, the
predicate types asked for, and the limits (layer count, layer size), each refusal naming the manifest."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ecr_mirror.errors import UnsupportedError
from ecr_mirror.trust.evidence import MAX_LAYER_BYTES, MAX_LAYERS, PREDICATE_ANNOTATION, cosign_layers

WHAT = "r/app:sha256-abc.att"
SLSA = "https://slsa.dev/provenance/v1"
SPDX = "https://spdx.dev/Document"


def _layer(n: int, size: int = 10, annotations: Any = None) -> dict[str, Any]:
    layer: dict[str, Any] = {"mediaType": "application/vnd.dsse.envelope.v1+json", "digest": f"sha256:{n:064x}"}
    layer["size"] = size
    if annotations is not None:
        layer["annotations"] = annotations
    return layer


def _manifest(layers: Any) -> bytes:
    return json.dumps({"schemaVersion": 2, "layers": layers}).encode()


def test_layers_come_with_their_annotations_and_only_the_wanted_predicates() -> None:
    layers = [
        _layer(1, annotations={PREDICATE_ANNOTATION: SLSA, "n": 5}),
        _layer(2, annotations={PREDICATE_ANNOTATION: SPDX}),
        _layer(3),
    ]
    every = cosign_layers(_manifest(layers), WHAT)
    assert [(d.digest, d.size, d.media_type) for d, _ in every] == [
        (f"sha256:{n:064x}", 10, "application/vnd.dsse.envelope.v1+json") for n in (1, 2, 3)
    ]
    assert [notes for _, notes in every] == [{PREDICATE_ANNOTATION: SLSA, "n": "5"}, {PREDICATE_ANNOTATION: SPDX}, {}]
    wanted = cosign_layers(_manifest(layers), WHAT, frozenset({SLSA}))
    assert [d.digest for d, _ in wanted] == [f"sha256:{1:064x}", f"sha256:{3:064x}"]  # unannotated: kept


def test_the_layer_limits_hold_at_their_edges() -> None:
    assert len(cosign_layers(_manifest([_layer(n) for n in range(MAX_LAYERS)]), WHAT)) == MAX_LAYERS
    assert cosign_layers(_manifest([_layer(1, MAX_LAYER_BYTES)]), WHAT)[0][0].size == MAX_LAYER_BYTES
    # A layer over the size limit is refused only when it is wanted.
    big = _layer(2, MAX_LAYER_BYTES + 1, {PREDICATE_ANNOTATION: SPDX})
    assert cosign_layers(_manifest([big]), WHAT, frozenset({SLSA})) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", f"{WHAT} is not JSON"),
        (b"[]", f"{WHAT} has no layers list"),
        (_manifest({"a": 1}), f"{WHAT} has no layers list"),
        (
            _manifest([_layer(n) for n in range(MAX_LAYERS + 1)]),
            f"{WHAT} has {MAX_LAYERS + 1} layers (limit {MAX_LAYERS})",
        ),
        (
            _manifest([_layer(1, annotations=["x"])]),
            f"{WHAT}: layer sha256:{1:064x} has annotations that are not a mapping",
        ),
        (
            _manifest([_layer(1, MAX_LAYER_BYTES + 1)]),
            f"{WHAT}: layer sha256:{1:064x} declares {MAX_LAYER_BYTES + 1} bytes (limit {MAX_LAYER_BYTES})",
        ),
        (_manifest(["x"]), f"layer of {WHAT}: a descriptor is not an object"),
    ],
    ids=["not-json", "not-an-object", "layers-not-a-list", "too-many", "annotations", "too-large", "descriptor"],
)
def test_each_refusal_names_the_manifest(data: bytes, message: str) -> None:
    with pytest.raises(UnsupportedError) as caught:
        cosign_layers(data, WHAT)
    assert str(caught.value) == message
