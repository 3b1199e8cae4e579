"""`ecr-mirror discover` reads the image defaults an end-to-end suite's shell library exports (once, at the command,
for one the script runs itself), and not those of a script outside a test directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

FUNCTIONS = """\
#!/bin/bash

export IMAGE_MONITOR_SERVER=${IMAGE_MONITOR_SERVER:-"acme/monitor-server:dev-latest"}
export IMAGE_PULL_POLICY=${IMAGE_PULL_POLICY:-"Always"}
export IMAGE_DB=${IMAGE_DB:-"postgres:16.4"}

start_db() {
	docker run -d --name db "${IMAGE_DB}"
}
"""

RELEASE = """\
#!/bin/bash

export IMAGE=${IMAGE:-"acme/shop:dev"}
"""


def test_an_e2e_library_image_default_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"e2e-tests/functions": FUNCTIONS, "hack/release.sh": RELEASE}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert records == [
        ("e2e-tests/functions", 8, "shell script", "docker run", "postgres:16.4", "public"),
        (
            "e2e-tests/functions",
            3,
            "shell script",
            "test setting (environment default)",
            "acme/monitor-server:dev-latest",
            "public",
        ),
    ]
