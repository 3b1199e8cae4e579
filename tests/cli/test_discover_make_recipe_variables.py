"""`ecr-mirror discover` reads a Makefile recipe line that is (or holds) a reference to a variable of the file whose
value is a docker command (`<TAB>$(CROSS_BUILD)` with `CROSS_BUILD = docker run ... $(GO_IMAGE) go build ...`),
or a `$(call NAME,ARGS)` of a `define` that runs one, as make runs it: the reference expanded (GNU make manual,
"Recipe Expansion", "Call Function"). The image is listed at the recipe line, its use naming the variable and the
line that defines it; the definition itself is not read again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

CROSS_MAKEFILE = """\
GO_IMAGE ?= golang:1.23.4
REPO := $(CURDIR)

# build the cgo binaries in a linux container
CROSS_BUILD = \\
  docker run --rm \\
    -v $(REPO):/src \\
    -w /src \\
    -e CGO_ENABLED=1 \\
    $(GO_IMAGE) \\
    go build -o ./$@ ./$(dir $@);

LINUX_BINS = server/server worker/worker

$(LINUX_BINS): $(wildcard */*.go)
\t$(CROSS_BUILD)

tools/cli/cli: $(wildcard tools/cli/*.go)
\t@echo building $@ && ${CROSS_BUILD}
"""

LINT_MAKEFILE = """\
LINT_VERSION := v2.12.0
LINT_BASE = docker run --rm -i
LINT_RUN := $(LINT_BASE) -v $(CURDIR):/work -w /work

.PHONY: lint
lint:
\t$(LINT_RUN) hadolint/hadolint:$(LINT_VERSION) hadolint Dockerfile
"""

CALL_MAKEFILE = """\
VERSION ?= $(shell git describe --tags)

define in_container
\tdocker run --rm -v $(CURDIR):/src $(1) $(2)
endef

define tag_dev
\tdocker tag $(1):$(VERSION) $(1):dev
endef

check:
\t$(call in_container,koalaman/shellcheck-alpine:v0.10.0,shellcheck scripts/*.sh)

images:
\tdocker build -t shop-api:$(VERSION) -f api/Dockerfile .
\t$(call tag_dev,shop-api)
"""

DEV_SCRIPT = """\
#!/bin/sh
docker run -d --name api shop-api:dev
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str, str]]:
    return {(r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"]) for r in records}


def test_a_recipe_line_that_is_a_variable_holding_docker_run_runs_its_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": CROSS_MAKEFILE}, tmp_path, capsys)
    use = "docker run (the CROSS_BUILD variable of line 5)"
    assert _seen(records) == {
        ("Makefile", 16, use, "golang:1.23.4", "public"),
        ("Makefile", 19, use, "golang:1.23.4", "public"),
    }


def test_a_variable_of_docker_run_options_before_the_image_of_the_recipe_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": LINT_MAKEFILE}, tmp_path, capsys)
    assert _seen(records) == {
        ("Makefile", 7, "docker run (the LINT_RUN variable of line 3)", "hadolint/hadolint:v2.12.0", "public")
    }


def test_a_call_of_a_defined_command_runs_its_arguments_and_tags_what_the_file_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": CALL_MAKEFILE, "scripts/dev.sh": DEV_SCRIPT}, tmp_path, capsys)
    public = {item for item in _seen(records) if item[4] != "built-here"}
    assert public == {
        (
            "Makefile",
            12,
            "docker run (the in_container variable of line 3)",
            "koalaman/shellcheck-alpine:v0.10.0",
            "public",
        )
    }  # no `$(1)` left unresolved in the define's own line; `shop-api:dev` is the tag the Makefile gives its build


def test_a_value_make_is_given_on_its_command_line_reaches_the_variable_s_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    steps = "    steps:\n      - run: make tools/cli/cli GO_IMAGE=golang:1.22.9\n"
    workflow = f"on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n{steps}"
    records = tree_records({"Makefile": CROSS_MAKEFILE, ".github/workflows/ci.yml": workflow}, tmp_path, capsys)
    use = "docker run (the CROSS_BUILD variable of line 5)"
    assert {item for item in _seen(records) if item[0] == "Makefile"} == {
        ("Makefile", 16, use, "golang:1.23.4", "public"),
        ("Makefile", 19, use, "golang:1.23.4", "public"),
        ("Makefile", 19, f"{use} (with the variables of .github/workflows/ci.yml:6)", "golang:1.22.9", "public"),
    }
