"""`ecr-mirror discover` on a tree whose Tiltfile says which manifests it deploys: Tilt puts what it builds in place
of the images of those objects only, so the release manifests it does not deploy still pull the published image
(gatekeeper's `deploy/gatekeeper.yaml`, `openpolicyagent/gatekeeper:v3.24.0-beta.0`, while its Tiltfile builds
`openpolicyagent/gatekeeper` for the chart copy it deploys from `.tiltbuild/`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _deployment(image: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gate\nspec:\n  template:\n    spec:\n"
        f"      containers:\n        - name: gate\n          image: {image}\n"
    )


def _statuses(tree: dict[str, str], root: Path, capsys: pytest.CaptureFixture[str]) -> set[tuple[Any, ...]]:
    write_tree(root, tree)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    return {(r["file"], r["reference"], r["status"]) for r in json.loads(out)}


def test_an_image_the_tiltfile_builds_is_pulled_where_tilt_does_not_deploy_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "Tiltfile": (
            "def deploy():\n"
            "    k8s_yaml(helm(\n        '.tiltbuild/charts/gate',\n        name='gate',\n"
            "        values=['.tiltbuild/charts/gate/values.yaml'],\n    ))\n"
            "    k8s_yaml(['dev/gate.yaml', \"dev/extra\"])\n"
            "docker_build(ref='acme/gate', context='.tiltbuild')\n"
            "deploy()\n"
        ),
        "deploy/gate.yaml": _deployment("acme/gate:v1.2.0"),
        "dev/gate.yaml": _deployment("acme/gate:dev"),
        "dev/extra/more.yaml": _deployment("acme/gate:more"),
        "dev/extras.yaml": _deployment("acme/gate:v1.2.1"),
    }
    assert _statuses(tree, tmp_path, capsys) == {
        ("deploy/gate.yaml", "acme/gate:v1.2.0", "public"),
        ("dev/gate.yaml", "acme/gate:dev", "built-here"),
        ("dev/extra/more.yaml", "acme/gate:more", "built-here"),
        ("dev/extras.yaml", "acme/gate:v1.2.1", "public"),
    }


def test_manifests_a_tiltfile_deploys_otherwise_than_by_path_stay_built_here_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "Tiltfile": "k8s_yaml(kustomize('config/dev'))\ndocker_build('acme/gate', '.')\n",
        "deploy/gate.yaml": _deployment("acme/gate:v1.2.0"),
    }
    assert _statuses(tree, tmp_path, capsys) == {("deploy/gate.yaml", "acme/gate:v1.2.0", "built-here")}


def test_a_tiltfile_that_installs_only_a_repository_chart_deploys_no_manifest_of_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """helm_resource (https://github.com/tilt-dev/tilt-extensions/tree/master/helm_resource) installs `acme/gate` of
    the chart repository `helm_repo` adds, with the image Tilt built: the tree's own release manifests still pull
    the published image; a chart of the tree that helm_resource installs is Tilt's."""
    monkeypatch.chdir(tmp_path)
    tree = {
        "Tiltfile": (
            "load('ext://helm_resource', 'helm_resource', 'helm_repo')\n\n"
            "docker_build(\n    ref='acme/gate',\n    context='.',\n    dockerfile='dev/Dockerfile'\n    )\n\n"
            "helm_repo(name='acme', url='https://charts.acme.example')\n"
            "helm_resource(\n    name='gate',\n    chart='acme/gate',\n    image_deps=['acme/gate'],\n"
            "    image_keys=[('image.repository', 'image.tag')],\n    )\n"
        ),
        "distribution/kubernetes/gate.yaml": _deployment("docker.io/acme/gate:0.9.0-distroless"),
        "sidecar/Tiltfile": (
            "load('ext://helm_resource', 'helm_resource')\n"
            "docker_build('acme/sidecar', '.')\n"
            "helm_resource('sidecar', './chart', image_deps=['acme/sidecar'])\n"
        ),
        "sidecar/chart/manifests/sidecar.yaml": _deployment("acme/sidecar:dev"),
        "sidecar/release/sidecar.yaml": _deployment("acme/sidecar:1.0.0"),
    }
    assert _statuses(tree, tmp_path, capsys) == {
        ("distribution/kubernetes/gate.yaml", "acme/gate:0.9.0-distroless", "public"),
        ("sidecar/chart/manifests/sidecar.yaml", "acme/sidecar:dev", "built-here"),
        ("sidecar/release/sidecar.yaml", "acme/sidecar:1.0.0", "public"),
    }
