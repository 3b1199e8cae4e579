"""`ecr-mirror discover` reads GNU make's target-specific variable values (`v16: export PG_VERSION = 16.4`): the
recipe of that target (and of the prerequisites it makes) runs with the value, and, exported, a `$(MAKE)` or `make -C
DIR` of that recipe gets it in its environment, so the Makefile of DIR (or a makefile it includes, whose recipe the
target runs) pulls the image the value names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

# a database test suite: one target per engine version, each running the same fixture in every case directory
SUITE = """\
SHELL := /bin/bash

.PHONY: run
run: 15.8 16.4

.PHONY: 15.8
15.8: export PG_VERSION = 15.8
15.8:
\tmake -C create-table run
\tmake -C drop-table run

.PHONY: 16.4
16.4: export PG_VERSION = 16.4
16.4:
\tmake -C create-table run
\tmake -C drop-table run

lint: LINT_IMAGE = golangci/golangci-lint:v1.61.0
lint:
\tdocker run --rm -v $(CURDIR):/src $(LINT_IMAGE) golangci-lint run
"""

COMMON = """\
DATABASE_IMAGE_NAME := example/database

.PHONY: run
run:
\tdocker pull postgres:$(PG_VERSION)
\tdocker build -t $(DATABASE_IMAGE_NAME) .
\tdocker run --rm -d $(DATABASE_IMAGE_NAME)
"""

CASE = "include ../common.mk\n\nTEST_NAME := {name}\n"


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str, str]]:
    return {(r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"]) for r in records}


def _tree() -> dict[str, str]:
    return {
        "tests/postgres/Makefile": SUITE,
        "tests/postgres/common.mk": COMMON,
        "tests/postgres/create-table/Makefile": CASE.format(name="create-table"),
        "tests/postgres/drop-table/Makefile": CASE.format(name="drop-table"),
    }


def test_an_exported_target_value_reaches_the_included_recipe_of_the_sub_make(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(_tree(), tmp_path, capsys)
    pulled = {item for item in _seen(records) if item[0] == "tests/postgres/common.mk" and item[4] == "public"}
    assert pulled == {
        (
            "tests/postgres/common.mk",
            5,
            "docker pull (with the variables of tests/postgres/Makefile:7)",
            "postgres:15.8",
            "public",
        ),
        (
            "tests/postgres/common.mk",
            5,
            "docker pull (with the variables of tests/postgres/Makefile:13)",
            "postgres:16.4",
            "public",
        ),
    }


def test_a_target_value_is_read_in_the_targets_own_recipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(_tree(), tmp_path, capsys)
    assert (
        "tests/postgres/Makefile",
        20,
        "docker run (with the variables of tests/postgres/Makefile:18)",
        "golangci/golangci-lint:v1.61.0",
        "public",
    ) in _seen(records)


def test_a_value_not_exported_does_not_reach_the_sub_make(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # without `export`, a target-specific value is make's own: the sub-make's environment lacks it
    tree = {**_tree(), "tests/postgres/Makefile": SUITE.replace("export PG_VERSION", "PG_VERSION")}
    monkeypatch.chdir(tmp_path)
    records = tree_records(tree, tmp_path, capsys)
    assert not [item for item in _seen(records) if item[3].startswith("postgres:1")]
