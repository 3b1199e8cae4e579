"""Projects' own namespaces on hosts that also serve others: xpkg.crossplane.io fronts the Crossplane project's
packages and images (its `crossplane` and `crossplane-contrib` namespaces, published to ghcr.io with
xpkg.crossplane.io in front for pulls), and Codeberg serves Forgejo's release images (`codeberg.org/forgejo`):
listed by default; another namespace of those hosts is not known to be public."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: crossplane
spec:
  template:
    spec:
      containers:
        - name: crossplane
          image: xpkg.crossplane.io/crossplane/crossplane:v2.1.0
        - name: nop
          image: xpkg.crossplane.io/crossplane-contrib/provider-nop:v0.5.0
        - name: other
          image: xpkg.crossplane.io/acme-internal/tool:1.0
        - name: forge
          image: codeberg.org/forgejo/forgejo:11
        - name: forge-user
          image: codeberg.org/acme/private-tool:2
"""


def test_the_project_namespaces_are_public(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = tree_rows({"deployment.yaml": DEPLOYMENT}, tmp_path, monkeypatch, capsys)
    assert {reference: status for *_, reference, status in rows} == {
        "xpkg.crossplane.io/crossplane/crossplane:v2.1.0": "public",
        "xpkg.crossplane.io/crossplane-contrib/provider-nop:v0.5.0": "public",
        "xpkg.crossplane.io/acme-internal/tool:1.0": "left-out",
        "codeberg.org/forgejo/forgejo:11": "public",
        "codeberg.org/acme/private-tool:2": "left-out",
    }
