"""`discover` on a tree whose Go end-to-end suite (`//go:build e2e`) deploys images to its test cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

E2E = """\
//go:build e2e

package e2e

const BackendImage = "registry.k8s.io/e2e-test-images/agnhost:2.53"

var backend = corev1.Container{Name: "backend", Image: BackendImage}
"""


def test_an_e2e_suite_s_images_are_listed_and_a_unit_test_s_fixtures_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "test/e2e/fixtures.go": E2E,
            "internal/provisioner/objects_test.go": E2E.replace("//go:build e2e\n", "").replace("agnhost", "fake"),
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "registry.k8s.io/e2e-test-images/agnhost:2.53  # test/e2e/fixtures.go\n"
