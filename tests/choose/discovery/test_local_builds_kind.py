"""Images built in the tree by kind: `kind build node-image` builds a node image from Kubernetes sources and tags it
with `--image`, `kindest/node:latest` when not given, which a later `kind create cluster --image` boots."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.local_builds import LocalBuild, build_words, local_builds


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("kind build node-image -v 1\n", [("kindest/node:latest", 1, "kind build node-image")]),
        (
            "  kind build node-image --image kindest/node:dev \\\n    ./kubernetes\n",
            [("kindest/node:dev", 1, "kind build node-image")],
        ),
        ("bin/kind build node-image --image=acme/node:e2e v1.33.1\n", [("acme/node:e2e", 1, "kind build node-image")]),
        ("echo 'kind build node-image'\n", []),  # text, not a command
        ("kind create cluster --image kindest/node:latest\n", []),  # boots it, builds nothing
        ("# kind build node-image\n", []),
    ],
)
def test_the_node_image_kind_builds(text: str, names: list[tuple[str, int, str]]) -> None:
    assert local_builds(text, "hack/e2e.sh") == [
        LocalBuild(name, "hack/e2e.sh", line, how) for name, line, how in names
    ]
    assert build_words(text) == [(line, name) for name, line, _ in names]
