"""A Ginkgo suite under a directory named `e2e-` and more (`tests/e2e-kubernetes/testsuites/`, a CSI driver's suite
on the Kubernetes e2e framework) is an e2e suite: its `Image:` fields and image constants are read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_directory, e2e_images, is_suite

SOURCE = """\
package custom_testsuites

import (
	"github.com/onsi/ginkgo/v2"
	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/test/e2e/framework"
)

const (
	OutputPath  = "csi-test-artifacts/output.json"
	ubuntuImage = "public.ecr.aws/docker/library/ubuntu:22.04"
)

func proxyPod() *v1.Pod {
	return &v1.Pod{Spec: v1.PodSpec{Containers: []v1.Container{{
		Name:  "proxy",
		Image: "public.ecr.aws/ubuntu/squid:latest",
	}}}}
}
"""


def test_a_ginkgo_file_under_an_e2e_named_directory_is_a_suite() -> None:
    origin = "tests/e2e-kubernetes/testsuites/proxy.go"
    assert is_suite(SOURCE, origin)
    found = sorted((item.text, item.line) for item in e2e_images(SOURCE, origin))
    assert found == [("public.ecr.aws/docker/library/ubuntu:22.04", 11), ("public.ecr.aws/ubuntu/squid:latest", 17)]


def test_other_directories_are_not_suites() -> None:
    assert not is_suite(SOURCE, "tests/e2efoo/testsuites/proxy.go")  # no separator: another word
    assert not is_suite(SOURCE, "pkg/e2elib/proxy.go")
    assert e2e_directory(__import__("pathlib").PurePath("tests/e2e-kubernetes/testsuites/proxy.go")) is not None
