"""`ecr-mirror discover` lists the images a Go suite has a kind node pull with crictl through a function of another
package of the tree that runs crictl with its arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.choose.discovery.test_go_crictl_pulls import EXEC, SUITE
from tests.support.trees import tree_rows


def test_a_pull_through_the_suites_crictl_function_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"test/e2e/util/exec.go": EXEC, "test/e2e/containerd_test.go": SUITE}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert records == [
        ("test/e2e/containerd_test.go", 5, "Go source", "crictl pull", "ghcr.io/acme/manager:v2.3.0", "public")
    ]
