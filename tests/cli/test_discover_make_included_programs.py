"""`ecr-mirror discover` reads a container-CLI variable an included makefile probes for: a docs Makefile includes a
shared `docs.mk`, which sets `PODMAN := $(shell if command -v podman ...; then echo podman; else echo docker; fi)`
and includes `variables.mk`, and the Makefile's own recipe runs `$(PODMAN) run ... $(MERMAID_IMAGE)`: one make run,
so the recipe runs the image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "docs/Makefile": """\
.ONESHELL:
include docs.mk

.PHONY: diagrams
diagrams:
\t$(PODMAN) run --entrypoint /bin/sh -it --rm -v .:/docs $(DIAGRAM_IMAGE) -c 'render /docs'
""",
    "docs/docs.mk": """\
include variables.mk

PODMAN := $(shell if command -v podman >/dev/null 2>&1; then echo podman; else echo docker; fi)

serve:
\t$(PODMAN) run --rm example/docs-base:latest
""",
    "docs/variables.mk": """\
export DIAGRAM_IMAGE := example/diagram-cli:10.2.4
""",
    # a probe that may print another program's path: not a container CLI, in the including file or the included one
    "tools/Makefile": """\
include tools.mk

lint:
\t$(ENGINE) run --rm example/linter:1.0
""",
    "tools/tools.mk": """\
ENGINE := $(shell command -v nerdctl || echo docker)
""",
}


def test_a_container_cli_an_included_makefile_probes_for_runs_the_including_makefile_s_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("docs/Makefile", 6, "example/diagram-cli:10.2.4", "public") in records
    assert ("docs/docs.mk", 6, "example/docs-base:latest", "public") in records  # read already, in its own file
    assert {ref for _, _, ref, status in records if status == "public"} == {
        "example/diagram-cli:10.2.4",
        "example/docs-base:latest",
    }
