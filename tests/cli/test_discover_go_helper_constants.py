"""The image constants of a Go test helper package, read when a Go file of the tree imports the package
(cli/discover_go_helper_constants.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

GO_MOD = "module github.com/example/logging\n\ngo 1.25\n"

RECEIVER = """\
package receiver

const Image = "docker.io/acme/receiver:3.3.2"

func (r *Receiver) Container() Container { return Container{Name: "receiver", Image: Image} }
"""

FUNCTIONAL_TEST = """\
package outputs

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/example/logging/test/helpers/receiver"
)

var _ = Describe("forwarding", func() { receiver.Deploy() })
"""


def test_a_helper_s_constant_is_listed_when_a_test_imports_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "test/helpers/receiver/receiver.go": RECEIVER,
            "test/functional/outputs/forward_test.go": FUNCTIONAL_TEST,
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "acme/receiver:3.3.2  # test/helpers/receiver/receiver.go\n"


def test_a_helper_no_go_file_imports_lends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"go.mod": GO_MOD, "test/helpers/receiver/receiver.go": RECEIVER})
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == ""


ENVTEST_SUITE = """\
package outputs

import (
	"testing"

	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

func TestMain(m *testing.M) { env := &envtest.Environment{}; _, _ = env.Start(); m.Run() }
"""

ENVTEST_CASE = """\
package outputs

import (
	"testing"

	"github.com/example/logging/test/helpers/receiver"
)

func TestImageStamped(t *testing.T) { _ = receiver.Image }
"""


def test_a_helper_imported_only_by_envtest_suites_lends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # envtest runs an API server and etcd, no kubelet: a pod it stores is never scheduled, its image never pulled
    # (https://book.kubebuilder.io/reference/envtest). The suite's other files need not import envtest themselves.
    monkeypatch.chdir(tmp_path)
    tree = {"go.mod": GO_MOD, "test/helpers/receiver/receiver.go": RECEIVER}
    tree |= {"test/envtest/suite_test.go": ENVTEST_SUITE, "test/envtest/image_test.go": ENVTEST_CASE}
    write_tree(tmp_path, tree)
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == ""
    write_tree(tmp_path, {"test/functional/outputs/forward_test.go": FUNCTIONAL_TEST})  # a real cluster's suite too
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "acme/receiver:3.3.2  # test/helpers/receiver/receiver.go\n"
