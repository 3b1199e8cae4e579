"""`ecr-mirror discover` does not list a kubebuilder-style `controller:latest` when the Kustomization has no
`images:` entry but the tree's Makefile or release script writes one with `kustomize edit set image controller=...`
before every build of the manifests: the name is a placeholder, never deployed as written. The names here are
namespaced (`acme/controller`): a bare one that is no Docker Hub official image is left out anyway
(docker_official.py), whatever the edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MANAGER = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: controller-manager}\nspec:\n  template:\n"
    "    spec:\n      containers:\n        - name: manager\n          image: {image}\n"
)
TREE = {
    "config/manager/manager.yaml": MANAGER.replace("{image}", "acme/controller:latest"),
    "config/manager/kustomization.yaml": "resources:\n- manager.yaml\n",
    "config/samples/proxy.yaml": MANAGER.replace("{image}", "envoyproxy/envoy:v1.31.2"),
    "Makefile": (
        "IMG ?= ghcr.io/acme/operator:dev\nKUSTOMIZE ?= $(LOCALBIN)/kustomize\n\n"
        ".PHONY: deploy\ndeploy:\n"
        '\tcd config/manager && $(KUSTOMIZE) edit set image acme/controller="$${CONTROLLER_IMG}"\n'
        "\t$(KUSTOMIZE) build config/default | kubectl apply -f -\n"
    ),
    "hack/release.sh": (
        '#!/bin/bash\nset -e\nCONFIG_TMP_DIR=$(mktemp -d)\ncp -r config/* "${CONFIG_TMP_DIR}"\n'
        '(\n  cd "${CONFIG_TMP_DIR}/manager"\n'
        '  "${KUSTOMIZE}" edit set image acme/controller="ghcr.io/acme/operator:${release_version}"\n)\n'
    ),
}


def test_a_name_the_trees_scripts_set_with_kustomize_edit_is_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted(r["reference"] for r in records if r["status"] == "public") == ["envoyproxy/envoy:v1.31.2"]


def test_without_the_edit_the_placeholder_is_listed_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {key: value for key, value in TREE.items() if key not in ("Makefile", "hack/release.sh")})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert "acme/controller:latest" in {r["reference"] for r in records if r["status"] == "public"}


def test_a_manifest_no_kustomization_lists_keeps_an_edited_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kustomize edit set image` writes the `images:` of a Kustomization: a manifest that no Kustomization of the
    tree lists is applied as written (`kubectl apply -f examples/`), its image pulled as it is."""
    tree = {
        "deploy/deploy.yaml": MANAGER.replace("{image}", "nginx:1.25"),
        "deploy/kustomization.yaml": "resources:\n- deploy.yaml\n",
        "examples/pod.yaml": MANAGER.replace("{image}", "nginx:1.25"),
        "Makefile": "deploy:\n\tcd deploy && kustomize edit set image nginx=registry.acme.io/nginx:1.25\n",
    }
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["file"], r["reference"]) for r in records if r["status"] == "public"] == [
        ("examples/pod.yaml", "nginx:1.25")
    ]


def test_every_pair_of_one_edit_counts_after_a_make_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kustomize edit set image` takes several `NAME=NEW` pairs; a make `$(NAME)` in the first does not end the
    command's arguments (https://kubectl.docs.kubernetes.io/references/kustomize/cmd/edit/set/)."""
    tree = {
        "config/operator.yaml": MANAGER.replace("{image}", "acme/operator-image"),
        "config/webhook.yaml": MANAGER.replace("{image}", "acme/webhook-image"),
        "config/kustomization.yaml": "resources:\n- operator.yaml\n- webhook.yaml\n",
        "Makefile": (
            "release:\n\t@cd config && $(KUSTOMIZE) edit set image acme/operator-image=$(OPERATOR_IMG):$(TAG) "
            "acme/webhook-image=$(WEBHOOK_IMG):$(TAG)\n"
        ),
    }
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [r["reference"] for r in records if r["status"] == "public"] == []
