"""A Makefile variable whose value is continued over lines with `\\` (`ENTRY := \\` then the value on the next line)
holds the joined value, as make reads it (a backslash-newline and the blanks around it are one space,
https://www.gnu.org/software/make/manual/html_node/Splitting-Lines.html), and a recipe's `docker run` that takes
such a variable where the image stands reads the words of its value: options, then the image. A shell script's
`NAME=value \\` before a command on the next line is an environment prefix of that command, not a value continued."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

DIGEST = "sha256:" + "c" * 64

MAKEFILE = f"""\
CHECK_IMAGE := quay.io/acme/checker:1.4@{DIGEST}
CHECK_IGNORE := --ignore LONG_LINE,SPDX
ifneq ($(CHECK_DEBUG),)
  CHECK_IMAGE_AND_ENTRY := \\
\t--entrypoint /bin/bash $(CHECK_IMAGE) -x /check/check.sh -- $(CHECK_IGNORE)
else
  CHECK_IMAGE_AND_ENTRY := \\
\t--entrypoint /bin/bash $(CHECK_IMAGE) /check/check.sh -- $(CHECK_IGNORE)
endif
RUN_EXTRA := \\
\t--rm \\
\t-v $(CURDIR):/src

check:
\tdocker container run --rm \\
\t\t--workdir /workspace \\
\t\t-e GITHUB_REF=$(GITHUB_REF) \\
\t\t$(CHECK_IMAGE_AND_ENTRY) $(CHECK_ARGS)

fmt:
\tdocker run $(RUN_EXTRA) alpine:3.20 true
"""

SCRIPT = """\
#!/bin/sh
IMAGE=busybox:1.36 \\
  ./tools/prepare.sh
docker run --rm "$IMAGE" true
"""


def test_a_make_value_continued_over_lines_is_read_joined_and_its_words_split_where_the_image_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE}, tmp_path, monkeypatch, capsys)
    assert sorted(set(rows)) == [
        ("Makefile", 15, "Makefile", "docker run", f"quay.io/acme/checker:1.4@{DIGEST}", "public"),
        ("Makefile", 21, "Makefile", "docker run", "alpine:3.20", "public"),
    ]


def test_a_shell_assignment_before_a_continued_command_line_is_no_value_continued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"run.sh": SCRIPT}, tmp_path, monkeypatch, capsys)
    assert [row[:4] for row in rows] == [("run.sh", 4, "shell script", "docker run")]
    assert rows[0][4] != "busybox:1.36 ./tools/prepare.sh"


QUOTED_AND_PREFIXED = """\
#!/bin/bash
BUILD_IMAGE="${BUILD_IMAGE:-ghcr.io/acme/build:latest}"

run_build() {
  local extra="${EXTRA:-}"
  docker run --rm ${extra} ${BUILD_IMAGE} make all
}

probe() {
  local name="acme-probe" cid status="" waited=0
  cid="$(docker run -d --name "${name}" "${PROBE_IMAGE:-busybox:1.36}" sleep 60)"
}

shell() {
  EXTRA="-ti" run_build
}
"""


def test_a_quoted_variable_and_a_value_with_quotes_in_it_are_not_split_into_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shell does not split a quoted expansion (`--name "${name}"`); a value that holds quotes
    (`"acme-probe" cid status=""`, `"-ti" run_build`: several names declared on one line, an environment prefix) is
    no list of words the command takes: neither names an image."""
    rows = tree_rows({"build/run.sh": QUOTED_AND_PREFIXED}, tmp_path, monkeypatch, capsys)
    assert {row[4] for row in rows if row[5] == "public"} == {"busybox:1.36"}
    assert [(row[1], row[5]) for row in rows if row[1] == 6] == [(6, "unresolved")]  # `${extra}`: not known
