"""A `third_party/` or `third-party/` directory is skipped as vendored code, but what the tree's own files name there
is the project's own packaging of other software, and read: a Kustomization's `resources` entry pointing into one
(kustomize builds it with the install) and a Dockerfile there that a build of the tree names by its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import tree_records, write_tree

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  template:
    spec:
      containers:
        - name: {name}
          image: {image}
"""

TREE = {
    "manifests/kustomize/env/dev/kustomization.yaml": (
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
        "- ../../base\n- ../../third-party/mysql/base\n- ../../third-party/argo/installs/namespace\n"
    ),
    "manifests/kustomize/base/kustomization.yaml": "resources:\n- api.yaml\n",
    "manifests/kustomize/base/api.yaml": DEPLOYMENT.format(name="api", image="ghcr.io/acme/api:2.17.0"),
    "manifests/kustomize/third-party/mysql/base/kustomization.yaml": "resources:\n- mysql.yaml\n",
    "manifests/kustomize/third-party/mysql/base/mysql.yaml": DEPLOYMENT.format(name="mysql", image="mysql:8.4"),
    "manifests/kustomize/third-party/argo/installs/namespace/kustomization.yaml": "resources:\n- ../../base\n",
    "manifests/kustomize/third-party/argo/base/kustomization.yaml": "resources:\n- controller.yaml\n",
    "manifests/kustomize/third-party/argo/base/controller.yaml": DEPLOYMENT.format(
        name="workflow-controller", image="quay.io/argoproj/workflow-controller:v4.0.8"
    ),
    "manifests/kustomize/third-party/unused/redis.yaml": DEPLOYMENT.format(name="redis", image="redis:7.4"),
    ".github/workflows/images.yml": (
        "name: images\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: docker build -f third_party/metadata_envoy/Dockerfile -t acme/metadata-envoy:ci .\n"
    ),
    "third_party/metadata_envoy/Dockerfile": "FROM envoyproxy/envoy:v1.39.0\n",
    "third_party/minio/Dockerfile": "FROM minio/minio:RELEASE.2019-08-14T20-37-41Z\n",
    "third_party/minio/cloudbuild.yaml": (
        "steps:\n- name: gcr.io/cloud-builders/docker\n  args: [build, -f, third_party/minio/Dockerfile, .]\n"
    ),
}


def test_what_the_tree_names_under_a_third_party_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    seen = {(r["file"], r["line"], r["reference"]) for r in tree_records(TREE, tmp_path, capsys)}
    assert seen == {
        ("manifests/kustomize/base/api.yaml", 10, "ghcr.io/acme/api:2.17.0"),
        ("manifests/kustomize/third-party/mysql/base/mysql.yaml", 10, "mysql:8.4"),
        (  # through the Kustomization the install names, which names its base
            "manifests/kustomize/third-party/argo/base/controller.yaml",
            10,
            "quay.io/argoproj/workflow-controller:v4.0.8",
        ),
        ("third_party/metadata_envoy/Dockerfile", 1, "envoyproxy/envoy:v1.39.0"),
    }  # not the Kustomization no install names, nor the Dockerfile only a file of its own directory builds


def test_what_stays_unnamed_under_a_third_party_directory_is_still_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    err = capsys.readouterr().err
    assert "3 vendored code of other projects (third_party/, third-party/) (" in err
    for unread in ("third-party/unused/redis.yaml", "third_party/minio/Dockerfile", "third_party/minio/cloudbuild"):
        assert unread in err
    assert "mysql.yaml" not in err and "metadata_envoy" not in err
