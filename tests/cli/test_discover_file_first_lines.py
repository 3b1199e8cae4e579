"""`ecr-mirror discover` on a version a Makefile reads from the first line of a file of the tree: `linter_version =
$(shell head -n 1 .linter.yml | tr -d '\\# ')` over a config whose first line is the comment `# v1.64.8`, then
`docker run ... example/linter:$(linter_version)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
linter_version = $(shell head -n 1 .linter.yml | tr -d '\\# ')
second_line = $(shell head -n 2 .linter.yml | tr -d '\\# ')
ranged = $(shell head -n 1 .linter.yml | tr -d 'a-z')

lint:
\tdocker run --rm -v $(CURDIR):/src -w /src example/linter:$(linter_version) linter run
\tdocker run --rm example/checker:$(second_line) check
\tdocker run --rm example/ranged:$(ranged) check
"""

LINTER_CONFIG = """\
# v1.64.8
# The first line above names the linter's version; keep it first.
run:
  timeout: 5m
"""

SCRIPT = """\
#!/usr/bin/env bash
BASEDIR=$(dirname "$0")
version=$(head -1 "$BASEDIR/../.linter.yml" | tr -d '# ')
docker run --rm "example/script-linter:${version}" run
"""


def test_a_makefile_reads_a_version_from_the_first_line_of_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"Makefile": MAKEFILE, ".linter.yml": LINTER_CONFIG, "hack/lint.sh": SCRIPT})
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("Makefile", 6, "example/linter:v1.64.8", "public") in records
    assert ("hack/lint.sh", 4, "example/script-linter:v1.64.8", "public") in records
    # two lines are not one word, and a `tr` range is not read: both stay unresolved
    assert {ref for _, _, ref, status in records if status == "public"} == {
        "example/linter:v1.64.8",
        "example/script-linter:v1.64.8",
    }
    unresolved = {(file, line) for file, line, _, status in records if status == "unresolved"}
    assert {("Makefile", 7), ("Makefile", 8)} <= unresolved
