"""envtest reads `USE_EXISTING_CLUSTER` when its `UseExistingCluster` field is not set ("if set to true, envtest will
use an existing cluster", https://pkg.go.dev/sigs.k8s.io/controller-runtime/pkg/envtest): a tree whose CI or Makefile
sets it runs its envtest suites on a real cluster (kind), whose kubelet pulls the objects the tests create."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

SUITE = """\
package helpers

import (
\t"context"

\t"sigs.k8s.io/controller-runtime/pkg/client"
\t"sigs.k8s.io/controller-runtime/pkg/envtest"
)

var testEnv = &envtest.Environment{}

func GetClient(ctx context.Context) client.Client {
\treturn ctx.Value("client").(client.Client)
}
"""

DATABASE = """\
package postgres

import (
\t"context"

\t"example.com/acme-operator/internal/test/helpers"
\tappsv1 "k8s.io/api/apps/v1"
\tcorev1 "k8s.io/api/core/v1"
)

func New(ctx context.Context, ns string) {
\tk8sClient := helpers.GetClient(ctx)
\t_ = k8sClient.Create(ctx, &appsv1.Deployment{
\t\tSpec: appsv1.DeploymentSpec{
\t\t\tTemplate: corev1.PodTemplateSpec{
\t\t\t\tSpec: corev1.PodSpec{
\t\t\t\t\tContainers: []corev1.Container{{
\t\t\t\t\t\tName:  "database",
\t\t\t\t\t\tImage: "docker.io/acme/postgresql:15.4.0",
\t\t\t\t\t}},
\t\t\t\t},
\t\t\t},
\t\t},
\t})
}
"""

WORKFLOW = """\
name: tests
on: [push]
jobs:
  go-tests:
    runs-on: ubuntu-latest
    env:
      USE_EXISTING_CLUSTER: %s
    steps:
      - uses: actions/checkout@v4
      - run: make go-test
"""


def _tree(workflow: str | None) -> dict[str, str]:
    tree = {
        "go.mod": "module example.com/acme-operator\n\ngo 1.24\n",
        "internal/test/helpers/suite.go": SUITE,
        "internal/test/postgres/postgres.go": DATABASE,
        "Makefile": "go-test:\n\tgo test ./...\n",
    }
    if workflow is not None:
        tree[".github/workflows/tests.yml"] = WORKFLOW % workflow
    return tree


def _images(rows: list[tuple[object, ...]]) -> set[tuple[object, ...]]:
    return {(row[0], row[1], row[4]) for row in rows if row[2] == "Go source"}


def test_envtest_on_the_cluster_the_ci_names_with_use_existing_cluster_pulls_what_tests_create(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(_tree("true"), tmp_path, monkeypatch, capsys)
    assert _images(rows) == {("internal/test/postgres/postgres.go", 19, "acme/postgresql:15.4.0")}


def test_envtest_without_the_variable_or_with_it_false_starts_its_own_control_plane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in (("unset", None), ("false", '"false"')):
        (tmp_path / name).mkdir()
        assert _images(tree_rows(_tree(value), tmp_path / name, monkeypatch, capsys)) == set()


def test_the_variable_set_for_another_package_s_go_test_leaves_envtest_on_its_own_control_plane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = (
        "go-test:\n\tgo test $$(go list ./... | grep -v /e2e)\n\n"
        "test-e2e:\n\tCERT_MANAGER_INSTALL_SKIP=true USE_EXISTING_CLUSTER=true \\\n\tgo test ./test/e2e/ -v\n"
    )
    tree = {**_tree(None), "Makefile": makefile}
    (tmp_path / "e2e-only").mkdir()
    (tmp_path / "internal").mkdir()
    assert _images(tree_rows(tree, tmp_path / "e2e-only", monkeypatch, capsys)) == set()
    tree["Makefile"] = makefile.replace("./test/e2e/", "./internal/...")
    rows = tree_rows(tree, tmp_path / "internal", monkeypatch, capsys)
    assert _images(rows) == {("internal/test/postgres/postgres.go", 19, "acme/postgresql:15.4.0")}
