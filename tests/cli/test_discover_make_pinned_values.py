"""`ecr-mirror discover` lists the images a makefile pins by digest in its variables when the tree names them nowhere
else: a makefile-modules tree picks its preloaded images through computed names (`$(IMAGE_$(1)_$(ARCH))`), a
`$(foreach)` into a static pattern rule's targets and the stem split again with `$(subst)`/`$(word)` before `crane
pull`, none of which discover evaluates; the pins themselves are what the pulls fetch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

AMD = "@sha256:" + "c3" * 32
ARM = "@sha256:" + "d4" * 32

TREE = {
    "Makefile": "include make/images.mk make/e2e.mk\n",
    "make/images.mk": (
        "redis_version := 7.4.1\n"
        f"images_amd64 += docker.io/library/redis:$(redis_version){AMD}\n"
        f"images_arm64 += docker.io/library/redis:$(redis_version){ARM}\n"
        f"ALPINE_IMAGE := alpine:3.20{AMD}\n"
    ),
    "make/e2e.mk": (
        "images := $(images_$(HOST_ARCH))\n"
        "images_tars := $(foreach image,$(images),$(bin_dir)/images/$(subst :,+,$(image)).tar)\n"
        "\n"
        "$(images_tars): $(bin_dir)/images/%.tar:\n"
        "\t@$(eval full_image=$(subst +,:,$*))\n"
        '\t$(CRANE) pull "$(word 1,$(subst @, ,$(full_image)))" $@\n'
        "\n"
        "smoke:\n"
        "\tdocker run --rm $(ALPINE_IMAGE) true\n"
    ),
}


def test_digest_pinned_values_no_read_command_names_are_listed_at_their_assignments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records if r["status"] == "public")
    assert rows == [
        # the one run discover reads lists alpine there, and not again at its pin
        ("make/e2e.mk", 9, f"alpine:3.20{AMD}", "public"),
        ("make/images.mk", 2, f"redis:7.4.1{AMD}", "public"),
        ("make/images.mk", 3, f"redis:7.4.1{ARM}", "public"),
    ]
