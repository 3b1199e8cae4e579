"""`ecr-mirror discover` reads a script's own directory found with CDPATH unset first (`$(unset CDPATH && cd
"$(dirname "${BASH_SOURCE[0]}")" && pwd)`, `$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)`): `cd` then searches no
CDPATH and goes to the path as written (https://www.gnu.org/software/bash/manual/bash.html#index-cd), so the library
the script sources from there is found and its values read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

GENERATE = """\
#!/usr/bin/env bash
set -e
SCRIPT_DIR="$(unset CDPATH && cd "$(dirname "${BASH_SOURCE[0]}")" &>/dev/null && pwd)"
CHART_HOME=$(unset CDPATH && cd "$SCRIPT_DIR/../.." && pwd)
cd "${CHART_HOME}"
source "${SCRIPT_DIR}/common.sh"
docker run --rm -v "${tmpdir}":/keydir "${TOKENS_IMAGE}" bin/stream tokens create-secret-key
"""
EXPORT = """\
#!/bin/sh
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
. "$HERE/common.sh"
docker pull "${TOKENS_IMAGE}"
"""
COMMON = """\
STREAM_VERSION="${STREAM_VERSION:-4.0.3}"
TOKENS_IMAGE="docker.io/acme/stream:${STREAM_VERSION}"
"""


def test_a_library_sourced_from_a_directory_found_with_cdpath_unset_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "scripts/stream/generate.sh": GENERATE,
        "scripts/stream/export.sh": EXPORT,
        "scripts/stream/common.sh": COMMON,
    }
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in tree_records(tree, tmp_path, capsys)}
    assert ("scripts/stream/generate.sh", 7, "acme/stream:4.0.3", "public") in rows
    assert ("scripts/stream/export.sh", 4, "acme/stream:4.0.3", "public") in rows
