"""`ecr-mirror discover` on a Kubernetes pod running kaniko's cache warmer: each `--image` (`-i`) of its arguments is
an image the warmer pulls into its cache, written with or without a tag; another container's untagged `--image`
option is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TREE = {
    "deploy/warmer.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache-warmer\nspec:\n  containers:\n"
        "  - name: warmer\n    image: gcr.io/kaniko-project/warmer:v1.23.2\n"
        '    args: ["--cache-dir=/cache",\n           "--image=gcr.io/acme-project/base-image",\n'
        '           "-i", "node:22-slim"]\n'
    ),
    # a near shape: another program's untagged `--image` option names a repository it tags itself
    "deploy/builder.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n"
        "  - name: builder\n    image: ghcr.io/acme/builder:1.4.0\n"
        '    args: ["--image=ghcr.io/acme/app", "-i", "acme/other"]\n'
    ),
}


def test_the_kaniko_warmers_images_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    assert ("deploy/warmer.yaml", 10, "gcr.io/acme-project/base-image:latest", "public") in rows
    assert ("deploy/warmer.yaml", 11, "node:22-slim", "public") in rows
    references = {row[2] for row in rows}
    assert "ghcr.io/acme/app:latest" not in references
    assert "acme/other:latest" not in references
