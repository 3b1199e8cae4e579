"""`ecr-mirror discover` reads the Components a Kustomization lists: their `images:` entries rename the names of
its resources and of the patches of its other components, as kustomize applies them
(https://kubectl.docs.kubernetes.io/guides/config_management/components/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_DEPLOYMENT = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  template:\n    spec:\n"
    "      containers:\n        - name: {name}\n          image: {image}\n"
)

TREE = {
    "deploy/image/community/kustomization.yaml": (
        "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n"
        "- name: acme/proxy-placeholder\n  newName: acme/proxy\n  newTag: '2.4'\n"
        "- name: acme/manager-placeholder\n  newName: acme/manager\n  newTag: '1.7'\n"
    ),
    "deploy/base/kustomization.yaml": (
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gateway.yaml\n"
        "components:\n- ../image/community\n"
    ),
    "deploy/base/gateway.yaml": _DEPLOYMENT.format(name="gateway", image="acme/proxy-placeholder:placeholder"),
    "deploy/variants/db/kustomization.yaml": (
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- migrate.yaml\n"
        "components:\n- ./wait/\n- ../../image/community/\n"
    ),
    "deploy/variants/db/migrate.yaml": _DEPLOYMENT.format(name="migrate", image="acme/manager-placeholder:placeholder"),
    "deploy/variants/db/wait/kustomization.yaml": (
        "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- path: wait-patch.yaml\n"
    ),
    "deploy/variants/db/wait/wait-patch.yaml": _DEPLOYMENT.format(
        name="gateway", image="acme/proxy-placeholder:placeholder"
    ),
}


def test_the_images_of_a_listed_component_rename_the_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["acme/manager:1.7", "acme/proxy:2.4"]


def test_a_component_no_kustomization_lists_renames_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {name: text for name, text in TREE.items() if not name.startswith("deploy/variants/")}
    tree["deploy/base/kustomization.yaml"] = (
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gateway.yaml\n"
    )
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.splitlines()]
    assert "acme/proxy-placeholder:placeholder" in listed
