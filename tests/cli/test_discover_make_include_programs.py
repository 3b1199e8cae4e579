"""`ecr-mirror discover` on a Makefile split in files it includes: a variable one included file sets
(`Makefile.vars.mk`) is known in the recipes of another (`e2e/kind.mk`), as make reads them as one program."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "Makefile": ("include Makefile.vars.mk\n-include e2e/kind.mk\n\nlint:\n\tdocker run --rm $(LINT_IMAGE) check\n"),
    "Makefile.vars.mk": (
        "KIND_NODE_VERSION ?= v1.33.4\nLINT_IMAGE ?= acme/lint:3\ne2etest_dir ?= $(CURDIR)/.work/e2e\n"
    ),
    "e2e/kind.mk": (
        "KIND ?= kind\n"
        "\n"
        "kind-setup:\n"
        "\t$(KIND) create cluster \\\n"
        "\t\t--image kindest/node:$(KIND_NODE_VERSION) \\\n"
        "\t\t--config e2e/kind.yaml\n"
        "\tdocker run --rm $(PROBE_IMAGE)\n"
    ),
    "other/Makefile": "run:\n\tdocker run --rm acme/app:$(KIND_NODE_VERSION)\n",
}


def test_the_variables_of_included_makefiles_are_known_in_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("Makefile", 5, "acme/lint:3", "public"),
        ("e2e/kind.mk", 4, "kindest/node:v1.33.4", "public"),
        ("e2e/kind.mk", 7, None, "unresolved"),
        ("other/Makefile", 2, None, "unresolved"),
    }
