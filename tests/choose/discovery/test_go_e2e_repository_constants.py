"""A Go e2e suite's constant that names a repository without a tag, handed to a chart as its `repository` value
while the tag comes from the environment, is no image the suite pulls as `:latest`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

ADDON = """\
package addon

import (
\t"os"

\t. "github.com/onsi/ginkgo/v2"
)

const (
\tcontrollerImage = "ghcr.io/example/controller"
\tprobeImage      = "ghcr.io/example/probe"
\tpauseImage      = "registry.k8s.io/pause:3.10"
)

func NewController() *HelmChart {
\tBy("installing the controller")
\treturn &HelmChart{Vars: []StringTuple{
\t\t{Key: "image.repository", Value: controllerImage},
\t\t{Key: "image.tag", Value: os.Getenv("VERSION")},
\t\t{Key: "probe.image", Value: probeImage},
\t\t{Key: "pause.image", Value: pauseImage},
\t}}
}
"""


def test_a_repository_constant_given_as_a_charts_repository_is_not_read_as_latest() -> None:
    found = {(item.line, item.text) for item in e2e_images(ADDON, "e2e/framework/addon/controller.go")}
    assert found == {(11, "ghcr.io/example/probe"), (12, "registry.k8s.io/pause:3.10")}
    one_line = ADDON.replace(
        '\t\t{\n\t\t\tKey:   "image.repository",\n\t\t\tValue: controllerImage,\n\t\t},',
        '\t\t{Key: "image.repository", Value: controllerImage},',
    )
    assert "controllerImage}," in one_line
    assert {item.text for item in e2e_images(one_line, "e2e/framework/addon/controller.go")} == {
        "ghcr.io/example/probe",
        "registry.k8s.io/pause:3.10",
    }


KUBETEST = """\
package kubetest

import (
\t. "github.com/onsi/ginkgo/v2"
)

const (
\tstandardImage   = "registry.k8s.io/conformance"
\tciArtifactImage = "gcr.io/k8s-staging-ci-images/conformance"
\thelperImage     = "registry.k8s.io/e2e-test-images/agnhost"
)

func conformanceImage(k8sVersion string, ci bool) string {
\tBy("choosing the conformance image")
\tif ci {
\t\treturn ciArtifactImage + ":" + k8sVersion
\t}
\treturn standardImage+":"+k8sVersion
}

func helper() string {
\treturn helperImage + "/" + "x"
}
"""


def test_a_repository_constant_the_file_joins_with_a_tag_is_not_read_as_latest() -> None:
    # a join with a path (`helperImage + "/" + ...`) gives no tag: that constant is still read as written
    found = {(item.line, item.text) for item in e2e_images(KUBETEST, "test/framework/kubetest/run.go", helper=True)}
    assert found == {(10, "registry.k8s.io/e2e-test-images/agnhost")}
