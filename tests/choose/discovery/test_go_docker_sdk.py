"""The images a Go program pulls and creates containers from through the Docker SDK for Go (the Docker Engine API
client, `github.com/docker/docker/client` or `github.com/moby/moby/client`): `cli.ImagePull(ctx, IMAGE, ...)` and
the `Image` of a `container.Config{...}`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_docker_sdk import go_sdk_images

FIXTURE = """\
package storage

import (
\t"context"

\t"github.com/moby/moby/api/types/container"
\t"github.com/moby/moby/client"
)

const (
\tcacheImage = "redis:7.4-alpine"
\tdbImage    = "postgres:17-alpine"
)

func start(ctx context.Context, cli *client.Client, custom string) error {
\tif _, err := cli.ImagePull(ctx, cacheImage, client.ImagePullOptions{}); err != nil {
\t\treturn err
\t}
\tcfg := &container.Config{
\t\tEnv:   []string{"POSTGRES_PASSWORD=secret"},
\t\tImage: dbImage,
\t}
\t_, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{Config: cfg})
\tother := container.Config{Image: "busybox:1.37", Cmd: []string{"true"}}
\tmine := container.Config{Image: custom}
\t_ = other
\t_ = mine
\treturn err
}
"""


def _images(text: str, origin: str = "pkg/storage/postgres.go") -> list[tuple[str, int | None, str]]:
    return [(item.text, item.line, item.use) for item in go_sdk_images(text, origin)]


def test_image_pull_and_container_config_images_from_literals_and_constants() -> None:
    assert _images(FIXTURE) == [
        ("redis:7.4-alpine", 11, "docker SDK ImagePull"),
        ("postgres:17-alpine", 12, "docker SDK container.Config"),
        ("busybox:1.37", 24, "docker SDK container.Config"),
    ]


def test_the_older_docker_import_path_and_an_alias_of_the_container_package() -> None:
    text = (
        'import (\n\tcontainertypes "github.com/docker/docker/api/types/container"\n'
        '\tdockerclient "github.com/docker/docker/client"\n)\n'
        'var cfg = &containertypes.Config{Image: "ghcr.io/acme/tool:1.2"}\n'
        'var other = &config.Config{Image: "not-a-container:1"}\n'
    )
    assert _images(text, "internal/tool.go") == [("ghcr.io/acme/tool:1.2", 5, "docker SDK container.Config")]


def test_not_read_in_test_files_nor_without_the_sdk() -> None:
    assert _images(FIXTURE, "pkg/storage/postgres_test.go") == []  # unit tests compare configs they never run
    assert _images(FIXTURE.replace("github.com/moby/moby", "example.com/moby"), "a.go") == []
