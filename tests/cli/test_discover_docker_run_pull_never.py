"""`docker run --pull=never IMAGE` (and `podman run`, `create`) uses only an image already on the host: "never: do
not pull the image, even if it's missing, and return an error"
(https://docs.docker.com/reference/cli/docker/container/run/#pull; podman: https://docs.podman.io/en/latest/
markdown/podman-run.1.html#pull-policy). A CI step checking an image it built before (`podman run --pull=never
org/base:ci-amd64 dnf check-upgrade`) pulls nothing; `--pull=always` / `--pull missing` still pull."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

SCRIPT = """\
#!/bin/bash
set -e
for ARCH in arm64 amd64; do
  podman run --pull=never example/base:ci-${ARCH} bash -c "dnf check-upgrade"
done
docker run --rm --pull never example/tools:ci bash -c true
docker create --pull=never example/data:ci
docker run --pull=always example/runner:1.2 true
docker run --pull missing --rm example/checker:3 true
"""


def test_a_run_that_never_pulls_lists_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"ci/check.sh": SCRIPT}, tmp_path, monkeypatch, capsys)
    assert [(file, line, reference, status) for file, line, _, _, reference, status in rows] == [
        ("ci/check.sh", 8, "example/runner:1.2", "public"),
        ("ci/check.sh", 9, "example/checker:3", "public"),
    ]
