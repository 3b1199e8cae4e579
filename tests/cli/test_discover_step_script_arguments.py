"""`ecr-mirror discover` reads a script a workflow step runs with the arguments the step gives it: a matrix value
passed as `$2`, exported to the script it runs, which builds a Dockerfile with it as a `--build-arg`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
name: integration
on: [push]
jobs:
  integ:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        server_version: ['2.4.1', '3.0.0']
        secure: ["true", "false"]
    steps:
      - uses: actions/checkout@v4
      - name: integ ${{ matrix.server_version }}
        run: "./ci/run-integration ${{ matrix.secure }} ${{ matrix.server_version }}"
"""

# an extensionless entry point: what its caller passes, exported to the script it runs
RUN_INTEGRATION = """\
#!/usr/bin/env bash
export SECURE="${1:-false}"
export SERVER_VERSION="${2:-latest}"
export FLAVOR="${FLAVOR:-search}"

print_usage() {
  docker run --rm "acme/usage:$1"
}

DETACH=true bash ci/start-server.sh
"""

START_SERVER = """\
#!/usr/bin/env bash
set -euo pipefail
docker build \\
  --file=ci/$FLAVOR/Dockerfile \\
  --build-arg SECURE=$SECURE \\
  --build-arg SERVER_VERSION=$SERVER_VERSION \\
  --tag=server-secure-$SECURE \\
  .
"""

DOCKERFILE = """\
ARG SERVER_VERSION
FROM acme/search:$SERVER_VERSION
ARG SECURE
RUN echo "secure: $SECURE"
"""


def test_a_step_s_matrix_arguments_reach_the_dockerfile_a_nested_script_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        ".github/workflows/integration.yml": WORKFLOW,
        "ci/run-integration": RUN_INTEGRATION,
        "ci/start-server.sh": START_SERVER,
        "ci/search/Dockerfile": DOCKERFILE,
    }
    rows = {(f, line, ref, status) for f, line, _, _, ref, status in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    # the Dockerfile's FROM, unresolved read alone, is each version the matrix passes; the function's own `$1` is
    # its caller's argument, not the script's
    assert rows == {
        ("ci/search/Dockerfile", 2, "acme/search:2.4.1", "public"),
        ("ci/search/Dockerfile", 2, "acme/search:3.0.0", "public"),
        ("ci/run-integration", 7, None, "unresolved"),
    }


SHIFTING = """\
#!/usr/bin/env bash
mode="$1"
shift
export SERVER_VERSION="${1:-latest}"
bash ci/start-server.sh
"""

SHIFT_WORKFLOW = """\
name: integration
on: [push]
jobs:
  integ:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        server_version: ['2.4.1']
    steps:
      - run: ./ci/run-integration fast ${{ matrix.server_version }}
      - run: ./ci/run-integration ${{ secrets.MODE }}
"""


def test_arguments_are_not_read_after_a_shift_nor_when_not_literal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        ".github/workflows/integration.yml": SHIFT_WORKFLOW,
        "ci/run-integration": SHIFTING,
        "ci/start-server.sh": START_SERVER.replace("ci/$FLAVOR/", "ci/search/"),
        "ci/search/Dockerfile": DOCKERFILE,
    }
    rows = {(f, line, ref, status) for f, line, _, _, ref, status in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    # after `shift`, `$1` is another word than the step's first, and a secret is not known: the FROM stays unresolved
    assert rows == {("ci/search/Dockerfile", 2, None, "unresolved")}
