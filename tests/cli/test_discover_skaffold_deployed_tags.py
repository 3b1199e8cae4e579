"""`ecr-mirror discover` does not list a tagged name of a manifest that Skaffold deploys with an artifact of that
name: Skaffold puts the image it built in place of every reference to the artifact's name, whatever its tag (only
a digest is kept), in the manifests a profile deploys with it (its `manifests.kustomize.paths`, the Components their
Kustomizations list, `rawYaml`); a base they list in `resources` is the project's plain manifests, and kept. The
config's own manifests are the project's plain ones too (tests/cli/test_discover_trees.py: a tagged name there is
a published image)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_DEPLOYMENT = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  template:\n    spec:\n"
    "      containers:\n        - name: {name}\n          image: {image}\n"
)
_COMPONENT = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
_KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"

TREE = {
    "skaffold.yaml": (
        "apiVersion: skaffold/v4beta1\nkind: Config\nmanifests:\n  kustomize:\n    paths: [deploy/base]\n"
        "profiles:\n- name: dev\n  manifests:\n    kustomize:\n      paths:\n      - deploy/dev\n"
        "  build:\n    artifacts:\n    - image: acme/app-placeholder\n      docker: {dockerfile: Dockerfile}\n"
        "- name: raw\n  manifests:\n    rawYaml: [deploy/raw/*.yaml]\n"
        "  build:\n    artifacts:\n    - image: acme/app-placeholder\n"
    ),
    "Dockerfile": "FROM golang:1.24.4\n",
    "deploy/image/kustomization.yaml": _COMPONENT
    + "images:\n- name: acme/app-placeholder\n  newName: acme/app\n  newTag: '1.0'\n",
    "deploy/base/kustomization.yaml": _KUSTOMIZATION + "resources:\n- app.yaml\ncomponents:\n- ../image\n",
    "deploy/base/app.yaml": _DEPLOYMENT.format(name="app", image="acme/app-placeholder:placeholder"),
    "deploy/dev/kustomization.yaml": _KUSTOMIZATION
    + "resources:\n- ../base\ncomponents:\n- ../dev-patch\npatchesStrategicMerge:\n- debug.yaml\n",
    "deploy/dev/debug.yaml": _DEPLOYMENT.format(name="app", image="acme/app-placeholder:placeholder"),
    "deploy/dev-patch/kustomization.yaml": _COMPONENT + "patches:\n- path: manager.yaml\n",
    "deploy/dev-patch/manager.yaml": _DEPLOYMENT.format(name="app", image="acme/app-placeholder:placeholder"),
    "deploy/raw/app.yaml": _DEPLOYMENT.format(name="app", image="acme/app-placeholder:dev"),
}


def test_tagged_names_of_an_artifact_in_the_manifests_its_profile_deploys_are_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["acme/app:1.0", "golang:1.24.4"]


def test_a_manifest_no_profile_deploys_with_the_artifact_keeps_its_tagged_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {**TREE, "examples/app.yaml": _DEPLOYMENT.format(name="app", image="acme/app-placeholder:v2")})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == [
        "acme/app-placeholder:v2",
        "acme/app:1.0",
        "golang:1.24.4",
    ]


BASE_TREE = {
    "skaffold.yaml": (
        "apiVersion: skaffold/v2beta29\nkind: Config\nbuild:\n  artifacts:\n"
        "    - image: ghcr.io/acme-staging/metrics-agent\n"
        "profiles:\n  - name: test\n    deploy:\n      kustomize:\n        paths: [manifests/overlays/test]\n"
    ),
    "manifests/base/kustomization.yaml": _KUSTOMIZATION + "resources:\n- deployment.yaml\n",
    "manifests/base/deployment.yaml": _DEPLOYMENT.format(name="agent", image="ghcr.io/acme-staging/metrics-agent:main"),
    "manifests/overlays/test/kustomization.yaml": _KUSTOMIZATION + "resources:\n- ../../base\n",
}


def test_a_base_the_profile_builds_on_is_the_projects_plain_manifests_and_keeps_its_tagged_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, BASE_TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["ghcr.io/acme-staging/metrics-agent:main"]
