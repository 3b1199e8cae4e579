"""The image a Makefile builds under a variable it also hands to `kustomize edit set image` (kubebuilder's `IMG ?=
controller:latest`, `docker build -t ${IMG} .` in `docker-build`, `kustomize edit set image controller=${IMG}` in
`deploy`) is built there, under the variable's own value: the Kustomization entry that value names
(`newName: controller` / `newTag: latest`) is the local build `make docker-build deploy` deploys, never pulled. A
release pin the entry holds instead (`newTag: v1.2.0`) is listed, and a Makefile's build under a variable it does
not hand to kustomize names nothing built (only literal names count there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
IMG ?= {image}
KUSTOMIZE ?= bin/kustomize

docker-build:
\tdocker build -t ${{IMG}} .

deploy:
\tcd config/manager && $(KUSTOMIZE) edit set image {name}={edit}
\t$(KUSTOMIZE) build config/default | kubectl apply -f -

docker-deploy:
\tkubectl -n system set image deployment/manager manager=${{IMG}}
"""

KUSTOMIZATION = """\
resources:
- manager.yaml
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
images:
- name: {name}
  newName: {new_name}
  newTag: {tag}
"""

MANAGER = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: manager
spec:
  template:
    spec:
      containers:
        - name: manager
          image: {name}:latest
"""


def _tree(image: str, name: str, new_name: str, tag: str, edit: str = "${IMG}") -> dict[str, str]:
    return {
        "Makefile": MAKEFILE.format(image=image, name=name, edit=edit),
        "config/manager/kustomization.yaml": KUSTOMIZATION.format(name=name, new_name=new_name, tag=tag),
        "config/manager/manager.yaml": MANAGER.format(name=name),
        "Dockerfile": "FROM golang:1.22 AS builder\nFROM gcr.io/distroless/static:nonroot\n",
    }


def _rows(
    tree: dict[str, str], root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[tuple[object, ...]]:
    rows = tree_rows(tree, root, monkeypatch, capsys)
    return [(file, line, reference, status) for file, line, _, _, reference, status in rows if file != "Dockerfile"]


@pytest.mark.parametrize("edit", ["${IMG}", "$(IMG)"])  # make reads both alike
def test_the_kustomization_entry_of_the_image_the_makefile_builds_is_built_here(
    edit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree("controller:latest", "controller", "controller", "latest", edit)
    assert _rows(tree, tmp_path, monkeypatch, capsys) == [
        ("config/manager/kustomization.yaml", 7, "controller:latest", "built-here"),
        ("Makefile", 12, "controller:latest", "built-here"),
    ]


def test_a_published_name_is_built_in_the_makefiles_own_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree("acme/ctl:latest", "acme/ctl", "acme/ctl", "v1.2.0")
    assert _rows(tree, tmp_path, monkeypatch, capsys) == [
        ("config/manager/kustomization.yaml", 7, "acme/ctl:v1.2.0", "public"),  # a release pin: pulled
        ("Makefile", 12, "acme/ctl:latest", "built-here"),  # `kubectl set image` of what docker-build built
    ]


def test_a_build_under_a_variable_no_kustomize_edit_names_builds_nothing_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "Makefile": "BUILD_IMAGE := golang:1.22\n\nbuild-image:\n\tdocker build -t $(BUILD_IMAGE) ./build-image\n",
        "build-image/Dockerfile": "FROM golang:1.22\n",
        "Dockerfile": "FROM golang:1.22\n",
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(file, line, reference, status) for file, line, _, _, reference, status in rows] == [
        ("Dockerfile", 1, "golang:1.22", "public"),
        ("build-image/Dockerfile", 1, "golang:1.22", "public"),
    ]
