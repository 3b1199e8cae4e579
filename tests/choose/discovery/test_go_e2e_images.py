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
