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
