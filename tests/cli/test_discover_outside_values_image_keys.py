"""`ecr-mirror discover` on the values file of a chart that is not read from the tree, whose image mapping names the
repository with an `image` key beside `registry` and `tag` (`{registry: registry.k8s.io, image:
ingress-nginx/custom-error-pages, tag: v1.2.9}`, as ingress-nginx's chart takes it): the image is the three joined,
not the `image` string alone with `latest`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

VALUES = """\
controller:
  config:
    custom-http-errors: "404,503"
defaultBackend:
  enabled: true
  image:
    registry: registry.k8s.io
    image: acme/custom-error-pages
    tag: v1.2.9@sha256:203d3020005dbdd735c1ad51f238d8663b9851399b52cc0c9c9e3f7273b6b299
sidecar:
  image:
    image: ghcr.io/acme/sidecar
    tag: "2.1"
exporter:
  image: quay.io/acme/exporter:v0.4.0
"""


def test_an_image_key_beside_a_registry_and_a_tag_is_joined_with_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"docs/examples/custom-errors.values.yaml": VALUES}, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[4], row[5]) for row in rows) == [
        (
            "docs/examples/custom-errors.values.yaml",
            8,
            "registry.k8s.io/acme/custom-error-pages:v1.2.9@sha256:203d3020005dbdd735c1ad51f238d8663b9851399b52cc0c9c9e3f7273b6b299",
            "public",
        ),
        ("docs/examples/custom-errors.values.yaml", 12, "ghcr.io/acme/sidecar:2.1", "public"),
        ("docs/examples/custom-errors.values.yaml", 15, "quay.io/acme/exporter:v0.4.0", "public"),
    ]
