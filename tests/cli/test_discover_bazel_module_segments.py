"""A Bazel module's segments: `MODULE.bazel` may `include("//build/deps:oci.MODULE.bazel")` another file, whose name
must end in `.MODULE.bazel` (https://bazel.build/rules/lib/globals/module#include), and rules_oci's `oci.pull` calls
written there fetch their images as in `MODULE.bazel` itself. Shaped after a JavaScript runtime's container tests,
which load a node base image and a proxy image pinned by digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MODULE = """module(name = "runtime")

include("//build/deps:oci.MODULE.bazel")
"""

SEGMENT = """oci = use_extension("@rules_oci//oci:extensions.bzl", "oci")

oci.pull(
    name = "node_25_slim",
    digest = "sha256:ab1a20f7e76e89392c8a0cb3ef5a4c70f243c6bbb555da22ef4ac259a5466448",
    image = "node:25.2.1-trixie-slim",
    platforms = ["linux/amd64", "linux/arm64/v8"],
)
oci.pull(
    name = "proxy_everything",
    digest = "sha256:0ef6716c52430096900b150d84a3302057d6cd2319dae7987128c85d0733e3c8",
    image = "docker.io/cloudflare/proxy-everything",
)
use_repo(oci, "node_25_slim", "proxy_everything")
"""


def test_the_pulls_of_a_module_segment_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"MODULE.bazel": MODULE, "build/deps/oci.MODULE.bazel": SEGMENT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["reference"], r["status"]) for r in records} == {
        (
            "build/deps/oci.MODULE.bazel",
            "node:25.2.1-trixie-slim@sha256:ab1a20f7e76e89392c8a0cb3ef5a4c70f243c6bbb555da22ef4ac259a5466448",
            "public",
        ),
        (
            "build/deps/oci.MODULE.bazel",
            "cloudflare/proxy-everything@sha256:0ef6716c52430096900b150d84a3302057d6cd2319dae7987128c85d0733e3c8",
            "public",
        ),
    }
