"""`ecr-mirror discover` reads a Makefile with the variables of the makefiles it includes, and those with its own:
make reads them as one text, so `DOCKER ?= docker` in `make/deps.mk` names the program `$(DOCKER) run` runs in
`make/lint.mk`. A Makefile that includes none of them does not see their values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "Makefile": (
        "include make/deps.mk make/lint.mk\n-include hack/*.mk\n\ntools:\n\tdocker run --rm $(TOOLS_IMG) --version\n"
    ),
    "make/deps.mk": "LOCALBIN ?= $(shell pwd)/bin\nDOCKER ?= docker\nKIND ?= $(LOCALBIN)/kind\n",
    "make/lint.mk": (
        "CT_IMG ?= quay.io/acme/chart-testing:v3.5.0\n"
        "\n"
        "lint:\n"
        "\t$(DOCKER) run --rm --workdir /repo -v $(shell pwd):/repo $(CT_IMG) ct lint\n"
    ),
    "hack/tools.mk": "TOOLS_IMG ?= ghcr.io/acme/tools:1.2\n",
    "other/Makefile": "check:\n\tdocker run --rm $(CT_IMG) ct lint\n",
}


def test_a_makefile_reads_the_variables_of_its_included_makefiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records) == [
        ("Makefile", 5, "ghcr.io/acme/tools:1.2", "public"),
        ("make/lint.mk", 4, "quay.io/acme/chart-testing:v3.5.0", "public"),
        ("other/Makefile", 2, "$(CT_IMG)", "unresolved"),
    ]


def test_a_node_image_chosen_in_the_branches_of_an_included_makefile_is_listed_for_each_branch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # versions.mk picks the kind node image by the Kubernetes version CI passes; each e2e run pulls one of them
    digest = "@sha256:" + "5e" * 32
    write_tree(
        tmp_path,
        {
            "versions.mk": (
                "KIND_VERSION := v0.27.0\n"
                "# set by CI through the environment\n"
                "KUBERNETES_VERSION ?= 1.32.2\n"
                "ifeq ($(KUBERNETES_VERSION), 1.32.2)\n"
                f"\tKIND_NODE_IMAGE=kindest/node:v1.32.2{digest}\n"
                "else ifeq ($(KUBERNETES_VERSION), 1.31.6)\n"
                "\tKIND_NODE_IMAGE=kindest/node:v1.31.6\n"
                "endif\n"
            ),
            "test/e2e/Makefile": (
                "include ../../versions.mk\n"
                "KIND := ../../bin/kind\n"
                "\n"
                "start-cluster:\n"
                "\t$(KIND) create cluster --name=e2e --image $(KIND_NODE_IMAGE)\n"
            ),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records) == [
        ("test/e2e/Makefile", 5, "kindest/node:v1.31.6", "public"),
        ("test/e2e/Makefile", 5, f"kindest/node:v1.32.2{digest}", "public"),
    ]
