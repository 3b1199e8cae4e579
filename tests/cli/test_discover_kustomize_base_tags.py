"""A Kustomization's `images:` entry with `newName` and no `newTag` keeps the tag its bases give the image
(https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/): the bases are the directories its
`resources:` list, followed through their own Kustomizations; an entry naming no image of its bases changes
nothing and is not listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

BASE_DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: csi-controller
spec:
  template:
    spec:
      containers:
        - name: plugin
          image: public.ecr.aws/acme/csi-plugin:v2.3.0
        - name: provisioner
          image: public.ecr.aws/sidecars/csi-provisioner:v6.0.0-build.1
"""
BASE_KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - controller.yaml
"""
MIDDLE = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
"""
MIRROR = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../public
images:
  - name: public.ecr.aws/acme/csi-plugin
    newName: ghcr.io/acme/csi-plugin
  - name: public.ecr.aws/sidecars/external-provisioner
    newName: ghcr.io/sig/csi-provisioner
    newTag: v6.0.0
"""


def test_a_new_name_takes_the_tag_of_the_bases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "deploy/base/controller.yaml": BASE_DEPLOY,
            "deploy/base/kustomization.yaml": BASE_KUSTOMIZATION,
            "deploy/overlays/public/kustomization.yaml": MIDDLE,
            "deploy/overlays/mirror/kustomization.yaml": MIRROR,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    mirror = [r for r in records if r["file"].endswith("mirror/kustomization.yaml")]
    assert [(r["line"], r["reference"], r["status"]) for r in mirror] == [
        (7, "ghcr.io/acme/csi-plugin:v2.3.0", "public"),
    ]


def test_a_base_out_of_the_tree_leaves_the_tag_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = MIRROR.replace("../public", "https://github.com/acme/csi//deploy/base?ref=v2.3.0")
    write_tree(tmp_path, {"deploy/overlays/mirror/kustomization.yaml": remote})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["line"], r["status"]) for r in records) == [(7, "unresolved"), (9, "public")]
