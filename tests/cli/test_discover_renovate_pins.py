"""Renovate's annotated versions, in a YAML file no other reader takes and in a source file: a tag of the image the
annotation names (choose/discovery/renovate_pins.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

DEPENDENCIES = """\
integration:
  # renovate: datasource=docker depName=acme/gateway versioning=docker
  gateway: '3.9.3'
e2e:
  # renovate: datasource=custom.gke-rapid depName=gke versioning=semver
  - '1.36.3'
"""

CONSTANTS = """\
package consts

const (
\tDefaultGatewayBaseImage = "acme/event-gateway"
\tDefaultGatewayTag       = "1.2.1" // renovate: datasource=docker depName=acme/event-gateway
)
"""


def test_annotated_versions_of_a_dependencies_file_and_a_go_constant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"test/test_dependencies.yaml": DEPENDENCIES, "pkg/consts/gateway.go": CONSTANTS}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert {(row[0], row[1], row[4], row[5]) for row in rows} == {
        ("test/test_dependencies.yaml", 3, "acme/gateway:3.9.3", "public"),
        ("pkg/consts/gateway.go", 5, "acme/event-gateway:1.2.1", "public"),
    }
