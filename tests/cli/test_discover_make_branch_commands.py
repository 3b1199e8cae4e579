"""`ecr-mirror discover` on held-out set CG showed missed: a Makefile variable holding the command a recipe runs,
given in the branches of a conditional a docker command or the tool installed on the machine (gateway-api's
`USE_DOCKER_HUGO ?= true`, then `ifeq ($(USE_DOCKER_HUGO),true)` `HUGO = docker run ... $(HUGO_IMAGE)` `else` `HUGO =
hugo`, and recipes running `$(HUGO) --source site`): a run that takes the docker branch pulls the image, as make
expands the recipe line with that value (https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
SITE_GEN_VERSION ?= 0.160.1
SITE_GEN_IMAGE ?= ghcr.io/acme/sitegen:v$(SITE_GEN_VERSION)

USE_DOCKER_SITE_GEN ?= true
ifeq ($(USE_DOCKER_SITE_GEN),true)
\tSITE_GEN = docker run --rm -v $(PWD):/src -w /src $(SITE_GEN_IMAGE)
else
\tSITE_GEN = sitegen
endif

ifeq ($(CI),true)
\tLINT = docker run --rm acme/lint:1
else
\tLINT = podman run --rm acme/lint:2
endif

docs:
\t$(SITE_GEN) --source site
lint:
\t$(LINT) check
"""


def test_a_command_variable_with_a_docker_branch_runs_its_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"Makefile": MAKEFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("Makefile", 18, "ghcr.io/acme/sitegen:v0.160.1", "public"),
    }
    # two container commands in two branches name two images: which one runs is not known, the line not expanded
    assert not [r for r in records if r["line"] == 20]
