"""A Go program's own defaults for the images it runs or builds on, kept in package-level names
(`var DefaultLifecycleImage = "docker.io/buildpacksio/lifecycle:553c041"`): the program pulls them when the user's
configuration names none."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_default_images import default_images, may_hold_default_images

BUILDER = """\
package buildpacks

// DefaultName when no WithName option is provided
const DefaultName = "pack"

var DefaultBaseBuilder = "ghcr.io/acme/builder-base:v2"
var DefaultLifecycleImage = "docker.io/buildpacksio/lifecycle:0.20.1"

const (
\tdefaultHelperImage string = "quay.io/acme/helper@sha256:DIGEST"
\tdefaultPythonBase        = "python:3.13-slim" // the host builder's base
\tdefaultGitDiffBase       = "origin/main"
\tdefaultAPIBase           = "api.example.com/v1"
\tDefaultOperatorImage     = "quay.io/acme/operator:"
\tDefaultAgentImage        = "quay.io/acme/agent"
\tDefaultImageRegistry     = "quay.io/acme:5000"
\tDefaultPlaceholderImage  = "override-me:latest"
\tsidecarImage             = "quay.io/acme/sidecar:1.0"
)

// s2i runs a builder image as named, `:latest` when untagged
var DefaultNodeBuilder = "registry.access.redhat.com/ubi8/nodejs-20-minimal"

// var DefaultOldImage = "quay.io/acme/old:1"

// declared, never used: nothing pulls it
var DefaultUnusedImage = "quay.io/acme/unused:1"

func defaults() []string {
	return []string{DefaultBaseBuilder, DefaultLifecycleImage, defaultHelperImage, defaultPythonBase,
		defaultGitDiffBase, defaultAPIBase, DefaultOperatorImage, DefaultAgentImage, DefaultImageRegistry,
		DefaultPlaceholderImage, sidecarImage, DefaultNodeBuilder}
}
""".replace("DIGEST", "a" * 64)


def test_the_default_images_of_a_program() -> None:
    assert may_hold_default_images("pkg/buildpacks/builder.go", BUILDER.encode())
    found = default_images(BUILDER, "pkg/buildpacks/builder.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("ghcr.io/acme/builder-base:v2", 6, "default image (Go program)"),
        ("docker.io/buildpacksio/lifecycle:0.20.1", 7, "default image (Go program)"),
        ("quay.io/acme/helper@sha256:" + "a" * 64, 10, "default image (Go program)"),
        ("python:3.13-slim", 11, "default image (Go program)"),
        ("registry.access.redhat.com/ubi8/nodejs-20-minimal", 22, "default image (Go program)"),
    ]
    assert {item.kind for item in found} == {"Go source"}


def test_test_code_keeps_fixtures_not_defaults() -> None:
    assert default_images(BUILDER, "pkg/buildpacks/builder_test.go") == []
    assert default_images(BUILDER, "test/e2e/builder.go") == []
    assert not may_hold_default_images("builder.py", BUILDER.encode())


GPU = """\
package gpu

const (
	gpuDefaultImage  = "ghcr.io/ggml-org/llama.cpp:server-cuda"
	gpuDefaultModel  = "ggml-org/gemma-4-E4B-it-GGUF:Q4_0"
	gpuDefaultDiskGB = 50
)

func provision(image string) string {
	if image == "" {
		image = gpuDefaultImage
	}
	return image
}
"""


def test_a_default_named_after_its_purpose_first() -> None:
    """A lower-case word may come before `Default` (`gpuDefaultImage`, the llama.cpp image inference-gateway/cli's
    `infer gpu provision` deploys when its user names none: set ZZZV); `gpuDefaultModel` names no image."""
    found = default_images(GPU, "cmd/gpu/gpu.go")
    assert [(item.text, item.line) for item in found] == [("ghcr.io/ggml-org/llama.cpp:server-cuda", 4)]
