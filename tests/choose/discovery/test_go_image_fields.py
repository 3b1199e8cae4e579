"""A Go program's images kept in its configuration's fields: a `DockerImage:` / `ContainerImage:` field of a
composite literal (the bundled scanners a proxy pulls and runs when its user turns one on), and the values of a map
of default images by kind (`DefaultImages: map[string]string{"node": "node:22", ...}`, the image the program runs
a command of each kind in). Shaped after an MCP proxy's `internal/config` and `internal/security/scanner`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_image_maps import image_map_images
from ecr_mirror.choose.discovery.go_program_images import program_images

SCANNERS = """package scanner

var bundled = []*Plugin{
\t{
\t\tID:          "cisco",
\t\tDockerImage: "ghcr.io/acme/scanner-cisco:latest",
\t\tInputs:      []string{"source"},
\t},
\t{
\t\tID:             "semgrep",
\t\tContainerImage: "returntocorp/semgrep:1.90.0",
\t},
\t// {ID: "old", DockerImage: "ghcr.io/acme/scanner-old:1"},
\t{ID: "local", DockerImage: "scanner"},
}
"""

CONFIG = """package config

func DefaultIsolationConfig() *IsolationConfig {
\treturn &IsolationConfig{
\t\tEnabled: false,
\t\tDefaultImages: map[string]string{
\t\t\t// Python
\t\t\t"python":  "ghcr.io/astral-sh/uv:python3.13-bookworm-slim",
\t\t\t"uvx":     "ghcr.io/astral-sh/uv:python3.13-bookworm-slim",
\t\t\t"node": "node:22",
\t\t\t"go":   "golang:1.21-alpine",
\t\t\t// "deno": "denoland/deno:1",
\t\t\t"binary": "alpine:3.18",
\t\t},
\t\tRegistry: "docker.io",
\t\tLabels: map[string]string{"app": "mcp:1"},
\t}
}

var defaultRuntimeImages = map[string]string{
\t"ruby": "ruby:3.2-alpine",
\t"shell": "sh",
}
"""


def test_docker_and_container_image_fields_of_program_code_are_read() -> None:
    found = program_images(SCANNERS, "internal/security/scanner/registry_bundled.go")
    assert [(item.text, item.line) for item in found] == [
        ("ghcr.io/acme/scanner-cisco:latest", 6),
        ("returntocorp/semgrep:1.90.0", 11),
    ]


def test_the_same_fields_in_test_code_are_fixtures() -> None:
    assert program_images(SCANNERS, "internal/security/scanner/registry_bundled_test.go") == []


def test_a_map_of_default_images_gives_each_image_value() -> None:
    found = image_map_images(CONFIG, "internal/config/config.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("ghcr.io/astral-sh/uv:python3.13-bookworm-slim", 8, "default image (Go program)"),
        ("ghcr.io/astral-sh/uv:python3.13-bookworm-slim", 9, "default image (Go program)"),
        ("node:22", 10, "default image (Go program)"),
        ("golang:1.21-alpine", 11, "default image (Go program)"),
        ("alpine:3.18", 13, "default image (Go program)"),
        ("ruby:3.2-alpine", 21, "default image (Go program)"),
    ]


def test_a_map_of_default_images_in_test_code_or_under_another_name_is_not_read() -> None:
    assert image_map_images(CONFIG, "internal/config/config_test.go") == []
    other = CONFIG.replace("DefaultImages", "Aliases").replace("defaultRuntimeImages", "runtimeAliases")
    assert image_map_images(other, "internal/config/config.go") == []
