"""`ecr-mirror discover` reads a Go program's calls, in the package, of its function that writes a string parameter
into a container's `Image:` field (kube-burner-shaped: `DeployPodInNamespace(..., image string, ...)` in one file,
called with literal images in others)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.choose.discovery.test_go_image_parameters import CALLER, COMMON
from tests.support.trees import tree_records


def test_a_package_s_calls_of_its_image_parameter_function(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "go.mod": "module example.com/acme\n\ngo 1.22\n",
        "pkg/probes/common.go": COMMON,
        "pkg/probes/netcheck.go": CALLER,
        "pkg/other/other.go": CALLER.replace("package probes", "package other"),
    }
    got = {(r["file"], r["line"], r["reference"], r["status"]) for r in tree_records(tree, tmp_path, capsys)}
    assert got == {
        ("pkg/probes/netcheck.go", 6, "quay.io/acme/netcheck:latest", "public"),
        ("pkg/probes/netcheck.go", 13, "quay.io/acme/echo-server:v1.2", "public"),
    }
