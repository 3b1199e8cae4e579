"""`ecr-mirror discover` reads a build in the recipe of a static pattern rule once per target the rule lists, `$*`
being that target's stem, with the names its recipe binds with `$(eval NAME := ...)` and make's computed variable
names (`$($(BASE))`, `$($(TYPE)_BASE_amd64)`): a project that builds one image per architecture passes each a
per-architecture base image digest, picked by such names from the values of an included makefile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

STATIC_AMD64 = "gcr.io/distroless/static-debian12@sha256:" + "1a" * 32
STATIC_ARM64 = "gcr.io/distroless/static-debian12@sha256:" + "2b" * 32
DYNAMIC_AMD64 = "gcr.io/distroless/base-debian12@sha256:" + "3c" * 32
DYNAMIC_ARM64 = "gcr.io/distroless/base-debian12@sha256:" + "4d" * 32

BASES = (
    f"STATIC_BASE_IMAGE_amd64 := {STATIC_AMD64}\n"
    f"STATIC_BASE_IMAGE_arm64 := {STATIC_ARM64}\n"
    f"DYNAMIC_BASE_IMAGE_amd64 := {DYNAMIC_AMD64}\n"
    f"DYNAMIC_BASE_IMAGE_arm64 := {DYNAMIC_ARM64}\n"
)

CONTAINERS = """\
CTR ?= docker
# DYNAMIC for a base with glibc
BASE_IMAGE_TYPE := STATIC

BASE_IMAGE_server-linux-amd64 := $($(BASE_IMAGE_TYPE)_BASE_IMAGE_amd64)
BASE_IMAGE_server-linux-arm64 := $($(BASE_IMAGE_TYPE)_BASE_IMAGE_arm64)

out/server-linux-amd64.tar out/server-linux-arm64.tar: out/server-linux-%.tar: build/Containerfile.server
\t@$(eval TAG := server-$*:dev)
\t@$(eval BASE := BASE_IMAGE_server-linux-$*)
\t$(CTR) build --quiet \\
\t\t-f build/Containerfile.server \\
\t\t--build-arg BASE_IMAGE=$($(BASE)) \\
\t\t-t $(TAG) .
\t$(CTR) save $(TAG) -o $@
"""

CONTAINERFILE = "ARG BASE_IMAGE\nFROM $BASE_IMAGE\nCOPY server /server\n"


def _seen(records: list[dict[str, Any]], name: str) -> set[tuple[int, str, str, str]]:
    return {(r["line"], r["use"], r["reference"] or r["written"], r["status"]) for r in records if r["file"] == name}


def test_a_static_pattern_rule_builds_once_per_target_with_its_stem_and_recipe_evals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Makefile": "include make/base_images.mk\ninclude make/containers.mk\n",
            "make/base_images.mk": BASES,
            "make/containers.mk": CONTAINERS,
            "build/Containerfile.server": CONTAINERFILE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _seen(records, "build/Containerfile.server") == {
        (2, "FROM (built by make/containers.mk:11)", STATIC_AMD64, "public"),
        (2, "FROM (built by make/containers.mk:11)", STATIC_ARM64, "public"),
    }


def test_a_pattern_rule_without_listed_targets_has_no_known_stem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `out/server-linux-%.tar:` alone makes whatever target is asked for: its stems are not known, and no
    # BASE_IMAGE_* value is taken for it
    containers = CONTAINERS.replace("out/server-linux-amd64.tar out/server-linux-arm64.tar: ", "")
    write_tree(
        tmp_path,
        {
            "Makefile": "include make/base_images.mk\ninclude make/containers.mk\n",
            "make/base_images.mk": BASES,
            "make/containers.mk": containers,
            "build/Containerfile.server": CONTAINERFILE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(line, status) for line, _, _, status in _seen(records, "build/Containerfile.server")} == {
        (2, "unresolved")
    }


def test_an_eval_binds_its_name_in_its_own_recipe_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a plain rule: `$(eval BASE := ...)` reaches the build below it, not the build of another rule
    makefile = (
        f"BASE_amd64 := {STATIC_AMD64}\n"
        "\n"
        "image:\n"
        "\t@$(eval BASE := BASE_amd64)\n"
        "\tdocker build -f Containerfile --build-arg BASE_IMAGE=$($(BASE)) -t server:dev .\n"
        "\n"
        "other:\n"
        "\tdocker build -f other/Containerfile --build-arg BASE_IMAGE=$($(BASE)) -t other:dev other\n"
    )
    write_tree(
        tmp_path,
        {"Makefile": makefile, "Containerfile": CONTAINERFILE, "other/Containerfile": CONTAINERFILE},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _seen(records, "Containerfile") == {(2, "FROM (built by Makefile:5)", STATIC_AMD64, "public")}
    assert {(line, status) for line, _, _, status in _seen(records, "other/Containerfile")} == {(2, "unresolved")}
