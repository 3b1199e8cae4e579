"""`ecr-mirror discover` on a Go program whose image flag defaults to a constant another file of the same package
declares (operator-lifecycle-manager's catalog operator: `start.go` registers `--util-image` with
`defaultUtilImage`, which `main.go` binds to `quay.io/operator-framework/olm:latest`): the image at the literal's
line in the declaring file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAIN = """\
package main

const (
	defaultNamespace = "acme"
	defaultUtilImage = "quay.io/acme/utils:latest"
	defaultRepoImage = "quay.io/acme/bare-repository"
)

func main() {
	newCmd().Execute()
}
"""

START = """\
package main

import "github.com/spf13/cobra"

func newCmd() *cobra.Command {
	o := options{}
	cmd := &cobra.Command{Use: "catalog"}
	cmd.Flags().StringVar(&o.namespace, "namespace", defaultNamespace, "the namespace")
	cmd.Flags().StringVar(&o.utilImage, "util-image", defaultUtilImage, "an image with utilities")
	cmd.Flags().StringVar(&o.repoImage, "repo-image", defaultRepoImage, "joined with a version elsewhere")
	return cmd
}
"""


def test_a_default_declared_in_another_file_of_the_package_is_read_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"cmd/catalog/main.go": MAIN, "cmd/catalog/start.go": START}, tmp_path, monkeypatch, capsys)
    assert rows == [
        ("cmd/catalog/main.go", 5, "Go source", "flag default (Go program)", "quay.io/acme/utils:latest", "public")
    ]


def test_a_constant_of_another_directory_is_not_the_package_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"cmd/other/main.go": MAIN, "cmd/catalog/start.go": START}, tmp_path, monkeypatch, capsys)
    assert rows == []
