"""`discover` on Go end-to-end suites whose images are written in the helper packages of their own test tree, or in
a suite package named `e2e<something>` (`e2erayservice`), as Ginkgo and `go test` suites against a kind cluster
commonly keep them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

GO_MOD = "module github.com/example/operator\n\ngo 1.25\n"

SUITE = """\
package e2e

import (
	. "github.com/onsi/gomega"

	"github.com/example/operator/pkg/specs"
	"github.com/example/operator/tests/utils/objectstore"
)

var _ = Describe("backup", func() {
	It("writes to the object store", func() {
		Expect(objectstore.Deploy(env, namespace)).To(Succeed())
	})
})
"""

HELPER = """\
// Package objectstore deploys the S3-compatible object store the e2e tests back up to.
package objectstore

import corev1 "k8s.io/api/core/v1"

const (
	// serverImage runs the object store server
	serverImage = "docker.io/minio/minio:RELEASE.2025-04-22T22-12-26Z"
	// AccessKeyID authenticates against the object store
	AccessKeyID = "minio"
)

func clientPod() corev1.Pod {
	return corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{
		Name:  "client",
		Image: "docker.io/amazon/aws-cli:2.27.0",
	}}}}
}
"""

HELPER_TEST = """\
package objectstore

var fixture = corev1.Container{Image: "example.com/fixture:1"}
"""

PRODUCTION = """\
package specs

// DefaultImageName is the image the operator deploys when a cluster names none.
const DefaultImageName = "ghcr.io/example/postgresql:18"

var sidecar = corev1.Container{Image: "ghcr.io/example/sidecar:1.0"}
"""


def test_the_helper_packages_of_a_suite_s_test_tree_are_read_as_the_suite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "tests/e2e/backup_test.go": SUITE,
            "tests/utils/objectstore/objectstore.go": HELPER,
            "tests/utils/objectstore/objectstore_test.go": HELPER_TEST,
            "pkg/specs/specs.go": PRODUCTION,
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == (
        "amazon/aws-cli:2.27.0                     # tests/utils/objectstore/objectstore.go\n"
        "ghcr.io/example/sidecar:1.0               # pkg/specs/specs.go\n"
        "minio/minio:RELEASE.2025-04-22T22-12-26Z  # tests/utils/objectstore/objectstore.go\n"
    )


def test_a_package_no_suite_imports_and_a_suite_at_the_module_s_top_lend_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A helper no suite imports is not read; nor, for a suite directly under the module (`e2e/`), is the whole
    module: its production packages' defaults are no images the suite deploys (the operator's own sidecar field is
    read as the program's, go_program_images.py)."""
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "e2e/backup_test.go": SUITE.replace("tests/utils/objectstore", "pkg/specs").replace(
                "objectstore.Deploy", "specs.Deploy"
            ),
            "tests/utils/objectstore/objectstore.go": HELPER,
            "pkg/specs/specs.go": PRODUCTION,
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "ghcr.io/example/sidecar:1.0  # pkg/specs/specs.go\n"


def test_a_suite_package_named_e2e_something_in_its_own_directory_is_a_suite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    sidecar = """\
package e2erayservice

func sidecar() corev1.Container {
	return corev1.Container{
		Name:    "proxy-init",
		Image:   "istio/iptables:1.27-2026-02-26T19-02-11",
		Command: []string{"iptables"},
	}
}
"""
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "test/e2erayservice/upgrade_test.go": sidecar,
            "internal/e2erayservice_fixtures/fixtures_test.go": sidecar.replace("istio/iptables", "example/fake"),
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "istio/iptables:1.27-2026-02-26T19-02-11  # test/e2erayservice/upgrade_test.go\n"


def test_a_module_of_tests_alone_lends_its_helpers_to_the_suite_at_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """cloudnative-pg keeps its end-to-end tests in a module of their own, `tests/go.mod`, the suite at `tests/e2e`."""
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "tests/go.mod": "module github.com/example/operator/tests\n\ngo 1.25\n",
            "tests/e2e/backup_test.go": SUITE,
            "tests/utils/objectstore/objectstore.go": HELPER,
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == (
        "amazon/aws-cli:2.27.0                     # tests/utils/objectstore/objectstore.go\n"
        "minio/minio:RELEASE.2025-04-22T22-12-26Z  # tests/utils/objectstore/objectstore.go\n"
    )


def test_a_suite_at_the_module_s_top_lends_the_packages_below_its_own_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ingress2gateway's suite is `e2e/` at the module's top and imports `e2e/framework`, whose helper deploys the
    backend `fmt.Sprintf("%s:%s", image, version)`: a package below the suite's own directory is its test tree,
    read as the suite; the production packages it imports still lend nothing."""
    monkeypatch.chdir(tmp_path)
    framework = """\
package framework

import (
\t"fmt"

\tcorev1 "k8s.io/api/core/v1"
)

const (
\timage   = "registry.k8s.io/e2e-test-images/agnhost"
\tversion = "2.39"
)

func backend(name string) corev1.Container {
\treturn corev1.Container{Name: name, Image: fmt.Sprintf("%s:%s", image, version)}
}
"""
    suite = SUITE.replace("tests/utils/objectstore", "e2e/framework").replace("objectstore.Deploy", "framework.Deploy")
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "e2e/backup_test.go": suite,
            "e2e/framework/backend.go": framework,
            "pkg/specs/specs.go": PRODUCTION,
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == (
        "ghcr.io/example/sidecar:1.0                   # pkg/specs/specs.go\n"
        "registry.k8s.io/e2e-test-images/agnhost:2.39  # e2e/framework/backend.go\n"
    )
