"""`ecr-mirror discover` lists the SBOM generator image a `docker/build-push-action` step's `attests` names:
BuildKit runs `type=sbom,generator=IMAGE` as the scanner of the build
(https://docs.docker.com/build/metadata/attestations/sbom/#sbom-generator)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
name: images
on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          context: .
          attests: |
            type=provenance,mode=max
            type=sbom,generator=docker.io/acme/sbom-scanner:2
          push: true
          tags: ghcr.io/acme/app:latest
      - uses: docker/build-push-action@v6
        with:
          context: .
          attests: type=sbom,generator=ghcr.io/acme/other-scanner:1.4
          tags: ghcr.io/acme/app:other
"""


def test_the_sbom_generator_of_a_build_push_step_is_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({".github/workflows/images.yml": WORKFLOW}, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[3], row[4], row[5]) for row in rows if "scanner" in str(row[4])) == [
        (
            ".github/workflows/images.yml",
            14,
            "with: attests sbom generator (docker/build-push-action)",
            "acme/sbom-scanner:2",
            "public",
        ),
        (
            ".github/workflows/images.yml",
            20,
            "with: attests sbom generator (docker/build-push-action)",
            "ghcr.io/acme/other-scanner:1.4",
            "public",
        ),
    ]


NOT_READ = """\
name: images
on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          attests: |
            type=sbom
            type=provenance,generator=docker.io/acme/provenance-tool:1
      - uses: acme/attest-action@v1
        with:
          attests: type=sbom,generator=docker.io/acme/sbom-scanner:2
"""


def test_the_default_generator_another_type_and_another_action_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({".github/workflows/images.yml": NOT_READ}, tmp_path, monkeypatch, capsys)
    assert [row for row in rows if "acme" in str(row[4])] == []
