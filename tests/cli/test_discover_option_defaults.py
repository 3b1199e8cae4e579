"""`ecr-mirror discover` on a script that runs an image its options may change (`--image) IMAGE="$2"; shift ;;`) and
that it otherwise gives a value itself (`IMAGE="server"` before the option loop): a run without the option pulls
that value; the caller's value is read where the script is called (wrapper_runs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

INSTALL = """\
#!/usr/bin/env bash
set -euo pipefail

# Defaults
IMAGE="example-server"
TAG="nightly"

while [[ $# -gt 0 ]]; do
  case $1 in
    --image)
      IMAGE="$2"; shift ;;
    --tag)
      TAG="$2";   shift ;;
    *)
      echo "usage: $0 [--image NAME] [--tag TAG]"; exit 1 ;;
  esac
  shift
done

FULL_IMAGE="quay.io/example/${IMAGE}:${TAG}"
docker pull "${FULL_IMAGE}"
"""

ONLY_ARGUMENT = """\
#!/usr/bin/env bash
IMAGE="$1"
docker pull "$IMAGE"
"""


def test_a_script_pulls_its_own_value_when_no_option_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"testsuite/install.sh": INSTALL, "testsuite/pull.sh": ONLY_ARGUMENT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("testsuite/install.sh", 21, "quay.io/example/example-server:nightly", "public"),
        ("testsuite/pull.sh", 3, None, "unresolved"),
    }
