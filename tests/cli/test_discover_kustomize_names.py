"""`ecr-mirror discover` does not list kubebuilder's `controller:latest`, which the Kustomization beside the
manifest renames to the published operator image."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "config/manager/manager.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: controller-manager}\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: manager\n          image: controller:latest\n"
    ),
    "config/manager/kustomization.yaml": (
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- manager.yaml\n"
        "images:\n- name: controller\n  newName: ghcr.io/acme/operator\n  newTag: v2.3.0\n"
    ),
}


def test_a_name_the_kustomization_renames_is_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["ghcr.io/acme/operator:v2.3.0"]
