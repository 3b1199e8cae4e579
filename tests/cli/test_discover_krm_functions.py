"""A Kubernetes object's `config.kubernetes.io/function` annotation (the older `config.k8s.io/function`) declares a
KRM function: `kpt fn run` and `kustomize fn run` run its `container.image` over the directory's resources
(https://github.com/kubernetes-sigs/kustomize/blob/master/cmd/config/docs/api-conventions/functions-spec.md). The
image is read at its line inside the annotation's block; an annotation of another key, or a function run as
`exec` or `starlark` (no container), names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "validation/fn-kubeval.yaml": (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeval\n  annotations:\n"
        "    config.kubernetes.io/function: |\n      container:\n        image: gcr.io/kpt-functions/kubeval\n"
        "        network: true\ndata:\n  strict: 'true'\n"
    ),
    "validation/fn-legacy.yaml": (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\n  annotations:\n"
        "    config.k8s.io/function: |-\n      container: {image: 'gcr.io/kpt-fn/set-labels:v0.1.5'}\n"
    ),
    "validation/fn-exec.yaml": (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  annotations:\n"
        "    config.kubernetes.io/function: |\n      exec:\n        path: ./bin/validate\n"
        "    example.com/notes: |\n      container:\n        image: gcr.io/acme/not-a-function\n"
    ),
}


def test_the_container_image_of_a_krm_function_annotation_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("validation/fn-kubeval.yaml", 8, "gcr.io/kpt-functions/kubeval:latest", "public"),
        ("validation/fn-legacy.yaml", 7, "gcr.io/kpt-fn/set-labels:v0.1.5", "public"),
    ]
