"""A Makefile that `include`s a file of another name holding its settings (`include config.env`, a file of
`NAME=value` lines also sourced by shell CI jobs): make reads the included file as if its text stood at the `include`
line (https://www.gnu.org/software/make/manual/make.html#Include), so its one-word assignments are the Makefile's
variables. A file the Makefile does not include is not read; a name the Makefile assigns itself keeps its value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
#!make
include settings.env

DB_IMAGE = postgres:16

test-db:
\tdocker run -d --name db $(DB_IMAGE)

release:
\tdocker run --rm -v `pwd`:/src $(BUILD_IMAGE) make dist
"""

SETTINGS = """\
BUILD_IMAGE=python:3.12-slim
DB_IMAGE=postgres:9.6
"""

OTHER_MAKEFILE = """\
release:
\tdocker run --rm $(BUILD_IMAGE) make dist
"""


def test_the_values_of_an_included_settings_file_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"Makefile": MAKEFILE, "settings.env": SETTINGS, "tools/Makefile": OTHER_MAKEFILE}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((file, line, reference, status) for file, line, _, _, reference, status in rows) == [
        ("Makefile", 7, "postgres:16", "public"),
        ("Makefile", 10, "python:3.12-slim", "public"),
        ("tools/Makefile", 2, None, "unresolved"),
    ]
