"""A script of the tree that a Makefile recipe or another script calls with arguments is read again with them as
its positional parameters (`$1`, `"${2:-}"`, as the shell sets them:
https://www.gnu.org/software/bash/manual/bash.html#Positional-Parameters): a fetch script's `SOURCE_IMAGE=${2:-}`
then `$CTR run --rm "$SOURCE_IMAGE" ...` runs the image its caller passes second, the caller's variables resolving
the word. The pull is a use of the script's line naming the call; a word the caller cannot know passes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

FETCH = """\
#!/usr/bin/env bash
CTR=${CTR:-docker}
ACTION=${1:-}
SOURCE_IMAGE=${2:-}
$CTR run --rm -v "$PWD:/work" "$SOURCE_IMAGE" /bin/bash /work/run.sh "$ACTION"
"""

MAKEFILE = """\
SOURCE_IMAGE_BOOKWORM := docker.io/library/debian:12-slim

out/bookworm.json:
\tBIN_VALIDATE=bin/validate \\
\t\t./hack/fetch.sh exact $(SOURCE_IMAGE_BOOKWORM) $@ 1.0 bookworm
"""


def test_a_recipe_calling_a_script_with_arguments_runs_the_image_it_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE, "hack/fetch.sh": FETCH}, tmp_path, monkeypatch, capsys)
    assert ("hack/fetch.sh", 5, "debian:12-slim", "public") in {
        (file, line, reference, status) for file, line, _, _, reference, status in rows
    }
    assert any(use.endswith("(with the arguments of Makefile:4)") for *_, use, _, _ in rows)


def test_a_define_evaluated_per_release_calls_the_script_with_each_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = (
        "SOURCE_IMAGE_BULLSEYE := docker.io/library/debian:11-slim\n"
        "SOURCE_IMAGE_BOOKWORM := docker.io/library/debian:12-slim\n"
        "define fetch-target\n"
        "out/$(2).json:\n"
        "\t./hack/fetch.sh exact $$(SOURCE_IMAGE_$(1)) $$@ 1.0 $(2)\n"
        "endef\n"
        "$(eval $(call fetch-target,BULLSEYE,bullseye))\n"
        "$(eval $(call fetch-target,BOOKWORM,bookworm))\n"
    )
    rows = tree_rows({"Makefile": makefile, "hack/fetch.sh": FETCH}, tmp_path, monkeypatch, capsys)
    assert {(file, line, reference) for file, line, _, _, reference, status in rows if status == "public"} == {
        ("hack/fetch.sh", 5, "debian:11-slim"),
        ("hack/fetch.sh", 5, "debian:12-slim"),
    }


def test_an_argument_the_caller_cannot_know_passes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = "out/x.json:\n\t./hack/fetch.sh exact $(shell cat .image) $@\n"
    rows = tree_rows({"Makefile": makefile, "hack/fetch.sh": FETCH}, tmp_path, monkeypatch, capsys)
    assert {status for *_, status in rows} == {"unresolved"}
