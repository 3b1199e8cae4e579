"""`ecr-mirror discover` lists the images Bazel pulls: rules_docker's `container_pull` and rules_oci's `oci_pull`
(WORKSPACE, `*.bzl` macros) and `oci.pull` (MODULE.bazel)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

DIGEST = "sha256:" + "ab" * 32
TREE = {
    "WORKSPACE": (
        'workspace(name = "acme")\n\n'
        'load("@io_bazel_rules_docker//container:container.bzl", "container_pull")\n\n'
        "container_pull(\n"
        '    name = "alpine_base",\n'
        '    registry = "index.docker.io",\n'
        '    repository = "library/alpine",\n'
        '    tag = "3.19",\n'
        ")\n\n"
        'load("//build:images.bzl", "base_images")\n\n'
        "base_images()\n"
    ),
    "build/images.bzl": (
        '"""Base images of the release build."""\n\n'
        'load("@io_bazel_rules_docker//container:container.bzl", "container_pull")\n\n'
        f'_STATIC_DIGEST = "{DIGEST}"\n\n'
        "def base_images():\n"
        "    # distroless, pinned by digest only\n"
        "    container_pull(\n"
        '        name = "static_base",\n'
        '        registry = "gcr.io",\n'
        '        repository = "distroless/static",\n'
        "        digest = _STATIC_DIGEST,\n"
        "    )\n"
        "    container_pull(\n"
        '        name = "e2e_nginx",\n'
        '        registry = "registry.k8s.io",\n'
        '        repository = "ingress-nginx/controller",\n'
        '        tag = "v1.9.4",\n'
        f'        digest = "{DIGEST}",\n'
        "    )\n"
        "    container_pull(\n"
        '        name = "from_a_parameter",\n'
        '        registry = "ghcr.io",\n'
        "        repository = repository_name,\n"
        "    )\n"
    ),
    "MODULE.bazel": (
        'module(name = "acme", version = "1.0")\n\n'
        'bazel_dep(name = "rules_oci", version = "2.0.0")\n\n'
        'oci = use_extension("@rules_oci//oci:extensions.bzl", "oci")\n'
        "oci.pull(\n"
        '    name = "distroless_base",\n'
        '    image = "gcr.io/distroless/base",\n'
        f'    digest = "{DIGEST}",\n'
        '    platforms = ["linux/amd64", "linux/arm64/v8"],\n'
        ")\n"
        "oci.pull(\n"
        '    name = "python_base",\n'
        '    image = "docker.io/library/python",\n'
        '    tag = "3.12-slim",\n'
        ")\n"
        'use_repo(oci, "distroless_base", "python_base")\n'
    ),
    # a BUILD file builds images (`base` names a pulled repository); another rule's call is not read
    "app/BUILD.bazel": 'oci_image(\n    name = "image",\n    base = "@distroless_base",\n)\n',
    "tools/other.bzl": 'def x():\n    http_archive(name = "y", url = "https://example.com/y.tar.gz")\n',
}


def test_container_pull_and_oci_pull_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    main(["discover", ".", "--json"])
    out, _ = capsys.readouterr()
    records = [(r["file"], r["line"], r["kind"], r["use"], r["reference"]) for r in json.loads(out)]
    assert records == [
        ("MODULE.bazel", 6, "Bazel file", "oci.pull", f"gcr.io/distroless/base@{DIGEST}"),
        ("MODULE.bazel", 12, "Bazel file", "oci.pull", "python:3.12-slim"),
        ("WORKSPACE", 5, "Bazel file", "container_pull", "alpine:3.19"),
        ("build/images.bzl", 9, "Bazel file", "container_pull", f"gcr.io/distroless/static@{DIGEST}"),
        ("build/images.bzl", 15, "Bazel file", "container_pull",
         f"registry.k8s.io/ingress-nginx/controller:v1.9.4@{DIGEST}"),
        ("build/images.bzl", 22, "Bazel file", "container_pull", None),  # unresolved: see below
    ]  # fmt: skip


def test_a_pull_with_a_value_from_elsewhere_is_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    main(["discover", "."])
    out, _ = capsys.readouterr()
    assert "# unresolved: ghcr.io/${repository_name}  # build/images.bzl:22: " in out
    assert out.startswith("alpine:3.19 ")  # index.docker.io/library/alpine, as Docker Hub's names are written
    assert "base = " not in out and "example.com" not in out
