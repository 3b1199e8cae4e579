"""GoReleaser runs the commands of its global `before: hooks:` (and Pro's `after: hooks:`) and of each build's
`hooks: pre:`/`post:` (https://goreleaser.com/customization/hooks/, https://goreleaser.com/customization/builds/go/):
an entry is a command string or a mapping whose `cmd` is one; a `docker run` there pulls its image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.goreleaser_hooks import goreleaser_hook_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from tests.support.hang_guard import finishes

GORELEASER = """\
version: 2
before:
  hooks:
    - go mod tidy
    - docker run --rm --privileged multiarch/qemu-user-static --reset -p yes
    - cmd: docker run --rm -v {{ .Env.PWD }}:/src golang:1.23-alpine go generate ./...
      dir: "{{ dir .Dist }}"
    - echo "docker run not:1"
after:
  hooks:
    - cmd: docker pull alpine:3.20
builds:
  - id: app
    hooks:
      pre: docker run --rm busybox:1.36 true
      post:
        - cmd: docker run --rm ghcr.io/acme/upx:4 dist/app
  - id: plain
dockers:
  - image_templates: ["acme/app:{{ .Version }}"]
"""


def test_goreleaser_hooks_run_docker() -> None:
    assert kind_of(".goreleaser.yml") is Kind.KO
    found = images_in(Kind.KO, GORELEASER, ".goreleaser.yml")
    assert [(item.text, item.line) for item in found] == [
        ("multiarch/qemu-user-static", 5),
        ("golang:1.23-alpine", 6),
        ("alpine:3.20", 11),
        ("busybox:1.36", 15),
        ("ghcr.io/acme/upx:4", 17),
    ]


def test_a_ko_config_has_no_hooks() -> None:
    assert images_in(Kind.KO, "before:\n  hooks:\n    - docker run x:1\n", ".ko.yaml") == []


def test_unclosed_templates_stay_linear() -> None:
    hook = "docker run " + "{{ .Env.X " * 200_000 + " alpine:3"
    text = f"before:\n  hooks:\n    - {hook!r}\n".replace("'", '"')
    finishes(goreleaser_hook_images, text, ".goreleaser.yml")
