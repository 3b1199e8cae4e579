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


OVERLAY_TREE = {
    "k8s/base/kustomization.yaml": "resources:\n- api.yaml\n",
    "k8s/base/api.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: api\n          image: example/api-dev\n"
    ),
    "k8s/overlays/prod/kustomization.yaml": (
        "resources:\n- ../../base\npatches:\n- path: api-patch.yaml\n  target: {kind: Deployment, name: api}\n"
        "images:\n- name: example/api\n  newTag: 2.0.1\n"
    ),
    "k8s/overlays/prod/api-patch.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: api\n          image: example/api:to-be-replaced\n"
    ),
}


def test_an_overlay_without_a_header_lists_the_tag_it_gives_not_its_patchs_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, OVERLAY_TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["example/api-dev:latest", "example/api:2.0.1"]
