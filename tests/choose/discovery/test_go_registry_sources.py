"""A Go test that hands an image scanner built on stereoscope (syft, grype) a `registry:` source
(`"registry:busybox:1.31"`) makes it pull the image from the registry."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_registry_sources import MARK, registry_sources

CLI_TEST = """\
package cli

func TestScanCommand(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{
			name: "platform option",
			args: []string{"--platform", "arm64", "-o", "json", "registry:busybox:1.31"},
		},
		{name: "digest", args: []string{"registry:ghcr.io/acme/app@sha256:" + digest}},
		{name: "pinned", args: []string{
			"registry:alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}},
		{name: "a host called registry", args: []string{"registry:5000/acme/app:1.0"}},
		{name: "no tag", args: []string{"registry:alpine"}},
		{name: "daemon", args: []string{"docker:alpine:3.19"}},
	}
	_ = "registry:quay.io/acme/tool:v2 is not one word"
	scope := "registry:catalog:search"
	if source == "registry:alpine:3.19" {
		t.Skip()
	}
}
"""


def test_a_registry_source_with_a_tag_or_digest_is_the_image_pulled() -> None:
    use = "registry: source (stereoscope)"
    assert registry_sources(CLI_TEST, "test/cli/scan_test.go") == [
        Found("busybox:1.31", "test/cli/scan_test.go", 10, use=use, kind="Go source"),
        Found(
            "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "test/cli/scan_test.go",
            14,
            use=use,
            kind="Go source",
        ),
    ]


def test_only_go_tests_are_read() -> None:
    assert MARK in CLI_TEST.encode()
    assert registry_sources(CLI_TEST, "cmd/scan.go") == []
