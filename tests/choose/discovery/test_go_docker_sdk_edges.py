"""The Docker SDK for Go at its edges: each finding whole, a file starting with a blank line, braces inside a
`container.Config{...}`, a config literal left open at the end of the text."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_docker_sdk import go_sdk_images

SOURCE = """
import (
\t"github.com/docker/docker/api/types/container"
\t"github.com/docker/docker/client"
)

func run(cli *client.Client) {
\tcli.ImagePull(ctx, "redis:7.4", client.ImagePullOptions{})
\tcfg := container.Config{Labels: map[string]string{"a": "b"}, Env: []string{}, Image: "postgres:17"}
\tspec := Spec{Image: "not-pulled:1"}
}
"""


def test_each_finding_whole() -> None:
    assert go_sdk_images(SOURCE, "db/run.go") == [
        Found("redis:7.4", "db/run.go", 8, use="docker SDK ImagePull", kind="Go source"),
        Found("postgres:17", "db/run.go", 9, use="docker SDK container.Config", kind="Go source"),
    ]


def test_a_config_literal_left_open_at_the_end_of_the_text() -> None:
    text = 'import (\n\t"github.com/moby/moby/api/types/container"\n)\nvar c = container.Config{Image: "busybox:1.37",'
    assert go_sdk_images(text, "c.go") == [
        Found("busybox:1.37", "c.go", 4, use="docker SDK container.Config", kind="Go source")
    ]


def test_a_single_import_line_is_no_alias() -> None:
    text = (
        'package c\n\nimport "github.com/moby/moby/api/types/container"\n\n'
        'var c = container.Config{Image: "busybox:1.37"}\n'
    )
    assert go_sdk_images(text, "c.go") == [
        Found("busybox:1.37", "c.go", 5, use="docker SDK container.Config", kind="Go source")
    ]
    aliased = text.replace('import "', 'import ctr "').replace("= container.", "= ctr.")
    assert go_sdk_images(aliased, "c.go") == go_sdk_images(text, "c.go")
