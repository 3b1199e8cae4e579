"""`ecr-mirror discover` knows the name a Makefile recipe builds when the build command is a variable given a
different command in each branch of a conditional (`docker buildx build` or `docker build`, as a flag chooses):
every run of make builds the recipe's `-t` name with one of them, so a container the recipe then creates of that
name runs what it built (GNU make manual, "Conditional Parts of Makefiles")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

PLUGIN_MAKEFILE = """\
ifeq ($(MULTIARCH), true)
\tIMAGE_BUILD := DOCKER_BUILDKIT=1 docker buildx build --platform $(PLATFORMS)
else
\tIMAGE_BUILD := DOCKER_BUILDKIT=1 docker build
endif

define build-rootfs
\trm -rf plugin/rootfs && mkdir plugin/rootfs
\t$(IMAGE_BUILD) -t pluginrootfs -f plugin/Dockerfile .
\tID=$$(docker create pluginrootfs true) && (docker export $$ID | tar -x -C plugin/rootfs) && docker rm -vf $$ID
endef

plugin:
\t$(build-rootfs)
\tdocker plugin create acme/log-driver:dev plugin
"""


def test_a_build_command_chosen_by_a_conditional_builds_the_name_the_recipe_then_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # either branch's command builds `pluginrootfs` before the recipe creates a container of it
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": PLUGIN_MAKEFILE, "plugin/Dockerfile": "FROM alpine:3.20\n"}, tmp_path, capsys)
    assert {(r["reference"] or r["written"], r["status"]) for r in records if r["file"] == "Makefile"} == {
        ("pluginrootfs:latest", "built-here")
    }
