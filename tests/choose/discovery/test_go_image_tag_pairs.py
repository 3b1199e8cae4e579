"""The default images a Go program keeps as a repository constant and a tag (or digest) constant of the same prefix
(go_image_tag_pairs.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_image_tag_pairs import image_tag_pairs

DEFAULTS = """\
package common

const (
	// DefaultSSOImage is the SSO container image to use when not specified.
	DefaultSSOImage = "ghcr.io/acme/sso"

	// DefaultSSOVersion is the SSO image digest to use when not specified.
	DefaultSSOVersion = "sha256:1111111111111111111111111111111111111111111111111111111111111111" // v2.45.0

	DefaultCacheImage     = "public.ecr.aws/docker/library/redis"
	DefaultCacheVersion   = "7.4.2-alpine"
	DefaultCacheVersionHA = "7.4.2-alpine"

	DefaultImageUpdaterImage = "quay.io/acme/updater"
	DefaultImageUpdaterTag   = "v1.2.1"

	// a repository without a tag constant, joined with the operator's own version elsewhere
	DefaultAgentImage = "quay.io/acme/agent"
	DefaultAgentPort  = "8080"

	// no namespace or registry: a name the operator builds
	LocalImage = "sso"
	LocalTag   = "dev"

	// a registry prefix, not an image
	MirrorImage   = "quay.io/acme/mirror:v1"
	MirrorVersion = "v2"
)
"""


def test_a_repository_constant_and_the_tag_constant_of_its_prefix_make_an_image() -> None:
    found = image_tag_pairs(DEFAULTS, "common/defaults.go")
    assert [(item.line, item.text) for item in found] == [
        (5, "ghcr.io/acme/sso@sha256:1111111111111111111111111111111111111111111111111111111111111111"),
        (10, "public.ecr.aws/docker/library/redis:7.4.2-alpine"),
        (14, "quay.io/acme/updater:v1.2.1"),
    ]


def test_test_code_is_not_read() -> None:
    assert image_tag_pairs(DEFAULTS, "common/defaults_test.go") == []


SPELLED_OUT = """\
package v1beta1

var Version string

const (
	DefaultAgentImageRepository   = "ghcr.io/acme/agent"
	DefaultAgentImageTag          = "5.0.5"
	DefaultAgentStorageVolumeName = "agent-buffer"
	DefaultPauseImageRepository   = "registry.k8s.io/pause"
	DefaultPauseImageTag          = "3.9"
	defaultReloaderImageRepository = "ghcr.io/acme/operator/reloader"
	defaultReloaderImageTag        = "latest"
	// a repository whose tag the operator's version gives at run time
	DefaultSidecarImageRepository = "ghcr.io/acme/sidecar"
)
"""


def test_a_repository_constant_spelled_image_repository_is_joined_with_its_tag() -> None:
    found = image_tag_pairs(SPELLED_OUT, "pkg/api/v1beta1/agent_types.go")
    assert [(item.line, item.text) for item in found] == [
        (6, "ghcr.io/acme/agent:5.0.5"),
        (9, "registry.k8s.io/pause:3.9"),
        (11, "ghcr.io/acme/operator/reloader:latest"),
    ]
