"""`ecr-mirror discover` reads a recursive make run inside a recipe's shell loop once per word of the loop's list
(`for v in $(VERSIONS); do VERSION=$${v} $(MAKE) image; done`): each run builds with that word."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.shell_words import ShellValues
from tests.support.trees import tree_records

DOCKERFILE = """\
ARG BASEIMAGE=mcr.microsoft.com/windows/nanoserver:1809
FROM ${BASEIMAGE}
"""

MAKEFILE = """\
ALL_OSVERSIONS := 1809 ltsc2022 ltsc2025
OSVERSION ?= 1809

image-windows:
\tdocker buildx build --platform windows/amd64 \\
\t\t--build-arg BASEIMAGE=mcr.microsoft.com/windows/nanoserver:$(OSVERSION) \\
\t\t-t example/driver:windows-$(OSVERSION) -f Dockerfile .

image-all:
\tfor osversion in $(ALL_OSVERSIONS); do \\
\t\tOSVERSION=$${osversion} $(MAKE) image-windows; \\
\tdone

echo-all:
\t@echo "for v in $(ALL_OSVERSIONS); do OSVERSION=$$v make image-windows; done"
"""


def test_a_recursive_make_in_a_recipe_loop_builds_once_per_word_of_its_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": MAKEFILE, "Dockerfile": DOCKERFILE}, tmp_path, capsys)
    seen = {(r["file"], r["line"], r["use"], r["reference"], r["status"]) for r in records}
    use = "FROM (built by Makefile:5) (with the variables of Makefile:10)"
    assert seen == {
        ("Dockerfile", 2, "FROM", "mcr.microsoft.com/windows/nanoserver:1809", "public"),
        ("Dockerfile", 2, use, "mcr.microsoft.com/windows/nanoserver:ltsc2022", "public"),
        ("Dockerfile", 2, use, "mcr.microsoft.com/windows/nanoserver:ltsc2025", "public"),
    }


def test_a_continuation_line_of_a_recipe_led_by_spaces_is_still_the_recipe_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """make reads a recipe line's continuation lines as the recipe's, whatever leads them: `  <TAB>OSVERSION=$${v}
    $(MAKE) x; \\` there is the environment of one make run, no second value of the Makefile's `OSVERSION`."""
    makefile = MAKEFILE.replace("\t\tOSVERSION=$${osversion}", "  \t\tOSVERSION=$${osversion}")
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": makefile, "Dockerfile": DOCKERFILE}, tmp_path, capsys)
    references = {r["reference"] for r in records if r["file"] == "Dockerfile"}
    assert references == {
        "mcr.microsoft.com/windows/nanoserver:1809",
        "mcr.microsoft.com/windows/nanoserver:ltsc2022",
        "mcr.microsoft.com/windows/nanoserver:ltsc2025",
    }


def test_an_indented_assignment_that_continues_no_line_keeps_its_words() -> None:
    """An indented make assignment inside a conditional (`  FLAGS=-a -b`) continues no line: it assigns its words."""
    text = (
        "ifeq ($(OS),windows)\n  FLAGS=-a -b\nendif\n\n"
        "all:\n\tfor v in a b; do \\\n  \t\tFLAGS=$${v} $(MAKE) x; \\\n\tdone\n"
    )
    assert ShellValues.of(text).resolve("$(FLAGS)") == ("-a -b", None)
