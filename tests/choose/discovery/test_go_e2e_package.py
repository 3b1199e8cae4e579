"""A Go end-to-end suite known by its package, `package e2e` (Ginkgo suites under `tests/e2e/` often carry no build
tag) in a directory `e2e`: the `Image:` fields of the objects it creates in the cluster, when the image names a
registry, a namespace or a tag (a bare name such as `test1` is most often an image the suite builds and loads
first)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

SUITE = """\
/*
Copyright The Acme Authors.
*/

package e2e

import (
\tcorev1 "k8s.io/api/core/v1"
)

const webtestImage = "ghcr.io/acme/webtest:1.7.0"

var _ = Describe("pod selectors", func() {
\tpod := corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{
\t\tName:    "pause",
\t\tImage:   "registry.k8s.io/pause:3.9",
\t}, {
\t\tName:  "web",
\t\tImage: webtestImage,
\t}}}}
\tstep := Step{With: &With{Image: "test1", Run: "hello"}}
})
"""


def test_a_suite_of_package_e2e_without_a_build_tag() -> None:
    found = e2e_images(SUITE, "tests/e2e/pod_selector_test.go")
    assert [(item.text, item.line) for item in found] == [
        ("registry.k8s.io/pause:3.9", 16),
        ("ghcr.io/acme/webtest:1.7.0", 19),
    ]


def test_other_packages_and_other_directories_without_the_tag_are_not_suites() -> None:
    assert e2e_images(SUITE.replace("package e2e", "package controller"), "tests/e2e/pod_test.go") == []
    assert e2e_images(SUITE, "internal/provisioner/objects_test.go") == []
