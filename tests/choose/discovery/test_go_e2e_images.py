"""The images a Go end-to-end test suite (files built only with the `e2e` tag) deploys to the cluster it runs
against: the `Image:` fields of the Kubernetes objects it writes, as literals or the file's own constants."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

FIXTURES = """\
//go:build e2e

package e2e

import corev1 "k8s.io/api/core/v1"

const (
	// EchoImage is the backend every test deploys.
	EchoImage = "registry.k8s.io/e2e-test-images/agnhost:2.53"

	GRPCImage = "ghcr.io/acme/grpc-echo:v0.2.0"
)

func echo() corev1.Container {
	return corev1.Container{
		Name:  "echo",
		Image: EchoImage,
	}
}

func grpc() []corev1.Container {
	return []corev1.Container{{Name: "grpc", Image:           GRPCImage}}
}

func pinned() corev1.Container {
	return corev1.Container{
		Image: "docker.io/acme/echo@sha256:%s",
		// Image: "commented/out:1",
	}
}

func fromFlag(image string) corev1.Container {
	return corev1.Container{Image: image}
}
""" % ("0123456789abcdef" * 4)


def test_image_fields_of_an_e2e_suite_literals_and_constants() -> None:
    found = e2e_images(FIXTURES, "test/e2e/fixtures.go")
    assert [(item.text, item.line, item.problem, item.use, item.kind) for item in found] == [
        ("registry.k8s.io/e2e-test-images/agnhost:2.53", 17, None, "Image (e2e test)", "Go source"),
        ("ghcr.io/acme/grpc-echo:v0.2.0", 22, None, "Image (e2e test)", "Go source"),
        ("docker.io/acme/echo@sha256:" + "0123456789abcdef" * 4, 27, None, "Image (e2e test)", "Go source"),
    ]


def test_unit_tests_and_other_go_files_are_not_read() -> None:
    unit = FIXTURES.replace("//go:build e2e\n", "")
    assert e2e_images(unit, "internal/provisioner/objects_test.go") == []
    other_tag = FIXTURES.replace("//go:build e2e", "//go:build integration")
    assert e2e_images(other_tag, "test/integration/fixtures.go") == []
    assert e2e_images(FIXTURES.replace("//go:build e2e", "//go:build e2e && linux"), "t/x.go") != []
    assert e2e_images(FIXTURES.replace("//go:build e2e", "//go:build !e2e"), "t/x.go") == []


CONFORMANCE = """\
//go:build conformance
// +build conformance

package conformance

import "testing"

func TestStepScripts(t *testing.T) {
\tinputYAML := fmt.Sprintf(`
apiVersion: tekton.dev/v1
kind: TaskRun
metadata:
  name: %s
spec:
  taskSpec:
    steps:
    - name: perl
      image: mirror.gcr.io/perl:5.40-bookworm
`, "run")
\t_ = inputYAML
}
"""


def test_a_conformance_suite_is_read_as_an_e2e_suite() -> None:
    """A `conformance` build tag keeps a suite that runs against a real cluster (Tekton's and Gateway API's
    conformance tests, `go test -tags conformance`), as `e2e` does; `!conformance` does not."""
    found = e2e_images(CONFORMANCE, "test/conformance/conformance_test.go")
    assert [(item.text, item.line) for item in found] == [("mirror.gcr.io/perl:5.40-bookworm", 18)]
    negated = CONFORMANCE.replace("//go:build conformance", "//go:build !conformance")
    assert e2e_images(negated, "test/conformance/conformance_test.go") == []
