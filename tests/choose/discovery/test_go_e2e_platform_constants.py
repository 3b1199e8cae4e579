"""A Go e2e suite's image constant named for the platform it serves (`echoImageWindows`, `pauseImageArm64`: the
variant the suite deploys to Windows or Arm nodes) is read as the other image constants are."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

SUITE = """\
//go:build e2e

package e2e

const (
\techoImage = "gcr.io/acme-test/echo:main"
\t// Windows nodes run their own build
\techoImageWindows  = "gcr.io/acme-test/echo-windows-amd64:main"
\tpauseImageArm64   = "registry.example.com/pause-arm64:3.10"
\techoImageRegistry = "gcr.io/acme-test"
\techoImageTagWindows = "ltsc2022"
)

type OS int

const (
\tLinux OS = iota
\tWindows
)

func echoDeployment(name string, os OS) *apps.Deployment {
\timage := echoImage
\tif os == Windows {
\t\timage = echoImageWindows
\t}
\treturn &apps.Deployment{Spec: apps.DeploymentSpec{Template: v1.PodTemplateSpec{Spec: v1.PodSpec{
\t\tContainers: []v1.Container{{Name: "echo", Image: image}},
\t}}}}
}
"""


def test_image_constants_named_for_a_platform_are_read() -> None:
    found = {(item.line, item.text) for item in e2e_images(SUITE, "pkg/e2e/fixtures.go")}
    assert found == {
        (6, "gcr.io/acme-test/echo:main"),
        (8, "gcr.io/acme-test/echo-windows-amd64:main"),
        (9, "registry.example.com/pause-arm64:3.10"),
    }
