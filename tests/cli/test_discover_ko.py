"""`ecr-mirror discover` finds ko's `.ko.yaml` (a dot file) anywhere in the tree and lists its base images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main


def test_ko_base_images_are_listed_and_a_broken_ko_yaml_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "controller").mkdir()
    (tmp_path / ".ko.yaml").write_text(
        "defaultBaseImage: gcr.io/distroless/static-debian12:nonroot\n"
        "baseImageOverrides:\n  example.com/widgets/cmd/debug: alpine:3.20\n"
    )
    (tmp_path / "controller" / ".ko.yaml").write_text("defaultBaseImage: alpine\n  builds: []\n")
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = [(r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"]) for r in json.loads(out)]
    assert records == [
        (".ko.yaml", 1, "ko config", "defaultBaseImage", "gcr.io/distroless/static-debian12:nonroot", "public"),
        (".ko.yaml", 3, "ko config", "baseImageOverrides", "alpine:3.20", "public"),
    ]
    assert "controller/.ko.yaml: not valid YAML" in err
    assert "(line 2); skipped" in err


GORELEASER = """\
version: 2
builds:
  - id: widgetd
    main: ./cmd/widgetd
    env:
      - CGO_ENABLED=0
kos:
  - id: ghcr
    repositories:
      - ghcr.io/acme/widgetd
    bare: true
    base_image: gcr.io/distroless/static-debian12
    build: widgetd
    tags:
      - "{{ .Tag }}"
  - id: ghcr-debug
    repositories:
      - ghcr.io/acme/widgetd
    base_image: gcr.io/distroless/static-debian12:debug
    build: widgetd
  - id: default-base
    repositories:
      - ghcr.io/acme/widgetd-lite
    build: widgetd
  - id: templated
    repositories:
      - ghcr.io/acme/widgetd-templated
    base_image: "{{ .Env.KO_BASE }}"
dockers:
  - image_templates:
      - "acme/widgetd:{{ .Tag }}"
    dockerfile: Dockerfile
"""


def test_goreleaser_ko_base_images_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """GoReleaser's ko pipe (`kos:`) builds each entry on its `base_image`, pulled as `.ko.yaml`'s
    `defaultBaseImage` is; an entry without one takes GoReleaser's default (not listed, as ko's), the images it
    pushes (`repositories`) are not pulled, and a template is unresolved on its line."""
    (tmp_path / ".goreleaser.yaml").write_text(GORELEASER)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    records = [(r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"]) for r in out]
    assert records == [
        (".goreleaser.yaml", 12, "kos base_image", "gcr.io/distroless/static-debian12:latest", "public"),
        (".goreleaser.yaml", 19, "kos base_image", "gcr.io/distroless/static-debian12:debug", "public"),
        (".goreleaser.yaml", 28, "kos base_image", "{{ .Env.KO_BASE }}", "unresolved"),
    ]
