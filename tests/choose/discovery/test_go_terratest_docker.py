"""Terratest's docker module runs `docker run` on the image it is given (`docker.Run(t, image, options)`,
https://pkg.go.dev/github.com/gruntwork-io/terratest/modules/docker#Run), which pulls it when the engine lacks it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_terratest_docker import terratest_docker_images

SUITE = """\
package observability

import (
\t"github.com/gruntwork-io/terratest/modules/docker"
\t"github.com/gruntwork-io/terratest/modules/testing"
)

const collectorImage = "otel/opentelemetry-collector-contrib:0.120.0"

type backend interface {
\tRunAndGetIDE(t testing.TestingT, image string, options *docker.RunOptions) (string, error)
}

func deploy(t testing.TestingT, b backend, ctx context.Context) {
\topts := docker.RunOptions{Detach: true, Remove: true}
\tid, _ := b.RunAndGetIDE(t, "jaegertracing/all-in-one:1.60.0", &opts)
\tdocker.Run(t, collectorImage, &docker.RunOptions{Remove: true})
\tdocker.RunContext(t, ctx, "nginx:1.27-alpine", &docker.RunOptions{Detach: true})
\ttag := "acme/test-image:local"
\tdocker.Build(t, "../fixtures", &docker.BuildOptions{Tags: []string{tag}})
\tdocker.Run(t, tag, &docker.RunOptions{Remove: true})
\tdc.Run(t, "up", "-d")
\tb.RunAndGetIDE(t, "example/not-options:1", nil)
\tdocker.Run(t, image, &opts)
}
"""


def test_the_images_terratest_s_docker_run_functions_and_a_backend_with_their_signature_run() -> None:
    found = terratest_docker_images(SUITE, "test/framework/observability/universal.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("otel/opentelemetry-collector-contrib:0.120.0", 8, "terratest docker.Run"),
        ("jaegertracing/all-in-one:1.60.0", 16, "terratest docker.RunAndGetIDE"),
        ("nginx:1.27-alpine", 18, "terratest docker.RunContext"),
    ]


def test_a_file_that_does_not_import_terratest_s_docker_module_is_not_read() -> None:
    text = SUITE.replace('"github.com/gruntwork-io/terratest/modules/docker"', '"example.com/docker"')
    assert terratest_docker_images(text, "x.go") == []


def test_terratest_v2_s_module_path_is_read() -> None:
    text = SUITE.replace("terratest/modules/docker", "terratest/modules/docker/v2")
    assert [item.text for item in terratest_docker_images(text, "modules/docker/stop_test.go")][
        -1
    ] == "nginx:1.27-alpine"
