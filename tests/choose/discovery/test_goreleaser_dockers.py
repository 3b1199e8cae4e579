"""GoReleaser's `dockers:` entries build their Dockerfile with the `--build-arg` flags of `build_flag_templates`,
`dockers_v2:` entries with their `build_args` mapping (https://goreleaser.com/customization/docker/)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.goreleaser_dockers import goreleaser_docker_builds

CONFIG = """\
dockers:
  - image_templates: ["acme/cli:{{ .Tag }}"]
    build_flag_templates:
      - --build-arg
      - ALPINE_VERSION=3.22
      - --build-arg=VERSION={{ .Version }}
  - image_templates: ["acme/cli:{{ .Tag }}-debug"]
    dockerfile: debug.Dockerfile
    build_flag_templates: ["--pull", "--platform=linux/amd64"]
dockers_v2:
  - images: ["acme/cli"]
    dockerfile: build/Dockerfile.v2
    build_args:
      BASE: debian:13-slim
      COMMIT: "{{ .FullCommit }}"
"""


def test_literal_build_arguments_of_dockers_and_dockers_v2_entries() -> None:
    builds = goreleaser_docker_builds(CONFIG, ".goreleaser.yaml")
    assert [(b.dockerfile, b.args, b.line) for b in builds] == [
        ("Dockerfile", (("ALPINE_VERSION", "3.22"),), 2),  # the default Dockerfile, at the entry's first key
        ("build/Dockerfile.v2", (("BASE", "debian:13-slim"),), 12),
    ]
