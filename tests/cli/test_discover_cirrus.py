"""`ecr-mirror discover` reads Cirrus CI's `.cirrus.yml` at the top of the tree: the containers its tasks run in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.choose.discovery.test_cirrus import CIRRUS
from tests.support.trees import tree_rows


def test_the_task_containers_of_a_cirrus_configuration_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows({".cirrus.yml": CIRRUS}, tmp_path, monkeypatch, capsys)
    listed = {(image, kind) for _, _, kind, _, image, _ in records}
    assert ("quay.io/acme/imgts:latest", "Cirrus CI configuration") in listed
    assert ("quay.io/acme/ci_dev:c20251001t120000z-f42", "Cirrus CI configuration") in listed
    assert ("postgres:16", "Cirrus CI configuration") in listed
    images = [str(image) for _, _, _, _, image, _ in records]
    assert not any(image.startswith("fedora") or image == "quay.io/acme/base:1" for image in images)


def test_a_cirrus_configuration_below_the_top_is_an_embedded_projects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    nested = "freebsd_task:\n  freebsd_instance:\n    image_family: freebsd-14-2\n"
    nested += "linux_task:\n  container:\n    image: ubuntu:20.04\n"
    records = tree_rows({".cirrus.yml": CIRRUS, "lib/zstd/.cirrus.yml": nested}, tmp_path, monkeypatch, capsys)
    assert "ubuntu:20.04" not in {image for _, _, _, _, image, _ in records}
