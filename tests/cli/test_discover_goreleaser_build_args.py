"""`ecr-mirror discover` reads the Dockerfile a GoReleaser `dockers:` entry builds again with the `--build-arg`
flags of its `build_flag_templates` (https://goreleaser.com/customization/docker/): a Windows image built once per
Server version, `ARG WIN_VERSION=2019` in the Dockerfile and `--build-arg=WIN_VERSION=2022` in one entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WINDOWS_DOCKERFILE = """\
# escape=`
ARG WIN_VERSION=2019
FROM mcr.microsoft.com/windows/nanoserver:ltsc${WIN_VERSION}

COPY agent.exe ./agent.exe
ENTRYPOINT ["agent.exe"]
"""

GORELEASER = """\
version: 2
project_name: agent
builds:
  - id: agent
    goos: [linux, windows]
    goarch: [amd64]
dockers:
  - goos: windows
    goarch: amd64
    dockerfile: Windows.dockerfile
    image_templates:
      - acme/agent:{{ .Version }}-windows-2019-amd64
    build_flag_templates:
      - --pull
      - --build-arg=WIN_VERSION=2019
      - --platform=windows/amd64
  - goos: windows
    goarch: amd64
    dockerfile: Windows.dockerfile
    image_templates:
      - acme/agent:{{ .Version }}-windows-2022-amd64
    build_flag_templates:
      - --pull
      - "--build-arg=WIN_VERSION=2022"
      - --label=org.opencontainers.image.version={{ .Version }}
  - goos: windows
    goarch: amd64
    dockerfile: Windows.dockerfile
    image_templates:
      - acme/agent:{{ .Version }}-windows-next-amd64
    build_flag_templates:
      - --build-arg=WIN_VERSION={{ .Env.WIN_NEXT }}
"""


def test_the_dockerfile_of_a_dockers_entry_is_read_with_its_build_arg_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each entry's literal `--build-arg=NAME=VALUE` is passed to its Dockerfile, found from the configuration's
    directory; a value with a GoReleaser template is known only when goreleaser runs, so the Dockerfile's default
    stands for it."""
    tree = {"dist/agent/.goreleaser.yaml": GORELEASER, "dist/agent/Windows.dockerfile": WINDOWS_DOCKERFILE}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    images = {(file, line, reference) for file, line, _, _, reference, _ in rows}
    assert images == {
        ("dist/agent/Windows.dockerfile", 3, "mcr.microsoft.com/windows/nanoserver:ltsc2019"),
        ("dist/agent/Windows.dockerfile", 3, "mcr.microsoft.com/windows/nanoserver:ltsc2022"),
    }
