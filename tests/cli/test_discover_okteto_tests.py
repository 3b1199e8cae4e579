"""An Okteto manifest's test containers (`test.NAME.image`, https://www.okteto.com/docs/reference/okteto-manifest/):
each runs the test's commands in that image, pulled like a development container's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MANIFEST = (
    "build:\n"
    "  api:\n"
    "    context: .\n"
    "dev:\n"
    "  api:\n"
    "    image: acme/go-dev:1.22\n"
    "    command: bash\n"
    "test:\n"
    "  unit:\n"
    "    image: acme/go-ci:3.1.0\n"
    "    commands:\n"
    "      - make test\n"
    "  e2e:\n"
    "    context: e2e\n"
    "    commands:\n"
    "      - make e2e\n"
)


def test_the_image_of_each_test_container_of_an_okteto_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"okteto.yml": MANIFEST}, tmp_path, monkeypatch, capsys)
    assert {(row[0], row[1], row[4], row[5]) for row in rows} == {
        ("okteto.yml", 6, "acme/go-dev:1.22", "public"),
        ("okteto.yml", 10, "acme/go-ci:3.1.0", "public"),
    }


def test_a_test_section_outside_an_okteto_manifest_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same keys in another file (`tests.yml`) are not an Okteto manifest's test containers."""
    rows = tree_rows({"tests.yml": "test:\n  unit:\n    image: acme/go-ci:3.1.0\n"}, tmp_path, monkeypatch, capsys)
    assert not any(row[4] == "acme/go-ci:3.1.0" and row[2] == "Okteto manifest" for row in rows)
