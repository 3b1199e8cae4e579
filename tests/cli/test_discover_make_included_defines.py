"""A makefile's recipe that calls a canned recipe (`define ... endef`) of another makefile of its make run: make
reads the included files as one text, so `$(call kind_load_image,...)` in `make/kind.mk` runs the `docker pull` of
the `define ensure_image` its includer `Makefile` holds, with the call's arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "Makefile": (
        "REGISTRY = acme\n"
        "include make/kind.mk\n"
        "\n"
        "define ensure_image\n"
        '\tif ! docker images --format "{{.Repository}}:{{.Tag}}" | grep -q "^$(1)$$"; then \\\n'
        '\t\tdocker pull "$(1)"; \\\n'
        "\tfi\n"
        "endef\n"
        "\n"
        "FRR_VERSION = 9.1.3\n"
        "FRR_IMAGE = quay.io/acme/frr:$(FRR_VERSION)\n"
        "KWOK_IMAGE = registry.k8s.io/kwok/kwok:v0.8.0\n"
    ),
    "make/kind.mk": (
        "define load_image\n"
        '\t@echo "Loading $(2) into $(1)"\n'
        '\t@if [ "x$(3)" = "x1" ]; then \\\n'
        "\t\t$(call ensure_image,$(2)); \\\n"
        "\tfi\n"
        "\tkind load docker-image --name $(1) $(2)\n"
        "endef\n"
        "\n"
        ".PHONY: kind-install-bgp\n"
        "kind-install-bgp:\n"
        "\t$(call load_image,e2e,$(FRR_IMAGE),1)\n"
        "\t$(call load_image,e2e,$(KWOK_IMAGE),1)\n"
    ),
    "make/talos.mk": "talos-up:\n\ttalosctl cluster create\n",
}


def test_a_canned_recipe_of_the_includer_runs_in_an_included_makefiles_recipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] != "unresolved"}
    assert listed == {
        ("make/kind.mk", 11, "quay.io/acme/frr:9.1.3"),
        ("make/kind.mk", 12, "registry.k8s.io/kwok/kwok:v0.8.0"),
    }
    # the appended define is read where it runs, not as lines of its own past the file's end
    assert all(r["line"] <= 12 for r in records if r["file"] == "make/kind.mk")
