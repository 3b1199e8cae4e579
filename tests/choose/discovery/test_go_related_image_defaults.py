"""The images a Go operator falls back to when its `RELATED_IMAGE_*` environment variable is not set
(go_related_image_defaults.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_related_image_defaults import related_image_defaults
from tests.support.hang_guard import finishes

# shaped like an operator's reconciler support code: each image read from the env its CSV sets, else a default
SUPPORT = """\
package gateway

import (
	"cmp"
	"os"
)

// proxyImage returns the auth proxy image from the environment, or the default for local development.
func proxyImage() string {
	if image := os.Getenv("RELATED_IMAGE_ACME_AUTH_PROXY"); image != "" {
		return image
	}
	// pinned for disconnected installs
	return "quay.io/acme/auth-proxy@sha256:f9d9dc6e0e05fe7b47141e605e1dd147302dd023936c2d20e205afbc96a51d9d" // 2026-07
}

func addImages(data map[string]any, platform string) {
	data["RBACProxy"] = imageURL(
		"RELATED_IMAGE_ACME_RBAC_PROXY",
		"quay.io/acme/rbac-proxy:v0.19.0", // upstream
		"registry.example.com/acme/rbac-proxy-rhel9:v4.18",
		platform,
	)
	data["Shim"] = env.GetString("RELATED_IMAGE_SHIM", "quay.io/acme/shim:latest")
	data["Filter"] = cmp.Or(os.Getenv("RELATED_IMAGE_FILTER"), "docker.io/acme/filter:1.2")
	data["Name"] = env.GetString("RELATED_IMAGE_NAME_ONLY", "shim")
	data["Computed"] = env.GetString("RELATED_IMAGE_COMPUTED", defaultImage())
	data["Other"] = env.GetString("OTHER_IMAGE", "quay.io/acme/other:1.0")
}
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None, str]]:
    return [(item.text, item.line, item.use) for item in related_image_defaults(text, origin)]


def test_an_operator_s_related_image_fallbacks_are_listed_at_their_literals() -> None:
    assert _images(SUPPORT, "internal/controller/gateway/support.go") == [
        (
            "quay.io/acme/auth-proxy@sha256:f9d9dc6e0e05fe7b47141e605e1dd147302dd023936c2d20e205afbc96a51d9d",
            14,
            "RELATED_IMAGE_ACME_AUTH_PROXY default (Go program)",
        ),
        ("quay.io/acme/rbac-proxy:v0.19.0", 20, "RELATED_IMAGE_ACME_RBAC_PROXY default (Go program)"),
        ("registry.example.com/acme/rbac-proxy-rhel9:v4.18", 21, "RELATED_IMAGE_ACME_RBAC_PROXY default (Go program)"),
        ("quay.io/acme/shim:latest", 24, "RELATED_IMAGE_SHIM default (Go program)"),
        ("docker.io/acme/filter:1.2", 25, "RELATED_IMAGE_FILTER default (Go program)"),
    ]


def test_tests_and_commented_code_are_not_read() -> None:
    assert _images(SUPPORT, "internal/controller/gateway/support_test.go") == []
    assert _images(SUPPORT, "test/e2e/support.go") == []
    commented = 'package x\n// data := env.GetString("RELATED_IMAGE_SHIM", "quay.io/acme/shim:latest")\n'
    assert _images(commented, "pkg/x/x.go") == []


def test_many_unclosed_calls_are_read_in_linear_time() -> None:
    text = (
        "package x\n"
        + 'f("RELATED_IMAGE_X", "a/b:1", ' * 50_000
        + 'if v := os.Getenv("RELATED_IMAGE_Y"); v != "" {' * 50_000
    )
    assert finishes(related_image_defaults, text, "pkg/x/x.go") is not None
    comments = 'if v := os.Getenv("RELATED_IMAGE_Y"); v != "" { return v }\n' + "// " * 100_000 + "\n"
    assert finishes(related_image_defaults, "package x\n" + comments * 3, "pkg/x/x.go") == []
    arguments = 'f("RELATED_IMAGE_X",\n' + "// " * 100_000 + "\n"
    assert finishes(related_image_defaults, "package x\n" + arguments * 3, "pkg/x/x.go") == []
