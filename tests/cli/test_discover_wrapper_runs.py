"""A script of the tree that runs `docker run` with the image its caller gives as an option (`run-in-docker.sh -i
IMAGE -- COMMAND`, parsing `-i|--image) IMAGE="$2"` in a `case`): each call of it where a command runs, by its path,
pulls the image given there (a literal, or a variable the caller's file gives one literal value); a value known only
when the call runs (a function's `"$1"`) names nothing, and the same option of another program is not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

RUNNER = """\
#!/usr/bin/env bash
set -euo pipefail
IMAGE=""
WORKDIR="/work"
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -i|--image)   IMAGE="$2"; shift 2 ;;
    -w|--workdir) WORKDIR="$2"; shift 2 ;;
    --)           shift; ARGS=("$@"); break ;;
    *)            ARGS=("$@"); break ;;
  esac
done
exec docker run --rm -v "$PWD:/work" -w "$WORKDIR" "$IMAGE" "${ARGS[@]}"
"""

LINT = """\
#!/usr/bin/env bash
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$SCRIPT_DIR/../run-in-docker.sh" \\
  -w /work/charts \\
  -i alpine/helm:3.17.3 \\
  -- lint .
"""

TEST = """\
#!/usr/bin/env bash
PY_IMAGE=python:3.12-slim
ci/scripts/run-in-docker.sh --image "$PY_IMAGE" -- pytest -q
./ci/scripts/run-in-docker.sh --image=node:22 -- npm test
echo "ci/scripts/run-in-docker.sh -i not/run:1"
other-tool -i not/an-image:2
"""

LIB = """\
#!/usr/bin/env bash
in_docker() {
  "$REPO_ROOT/ci/scripts/run-in-docker.sh" -i "$1" "${@:2}"
}
"""

TREE = {
    "ci/scripts/run-in-docker.sh": RUNNER,
    "ci/scripts/steps/helm-lint.sh": LINT,
    "scripts/test.sh": TEST,
    "scripts/release/_lib.sh": LIB,
}


def test_images_given_to_a_docker_run_wrapper_script_by_option_are_listed_at_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = [(r["file"], r["line"], r["use"], r["reference"]) for r in json.loads(capsys.readouterr().out)]
    assert records == [
        ("ci/scripts/run-in-docker.sh", 14, "docker run", None),  # the runner's own `"$IMAGE"`: the caller's
        ("ci/scripts/steps/helm-lint.sh", 4, "ci/scripts/run-in-docker.sh -i", "alpine/helm:3.17.3"),
        ("scripts/test.sh", 3, "ci/scripts/run-in-docker.sh --image", "python:3.12-slim"),
        ("scripts/test.sh", 4, "ci/scripts/run-in-docker.sh --image", "node:22"),
    ]
