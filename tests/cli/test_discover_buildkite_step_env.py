"""`ecr-mirror discover` reads the scripts a Buildkite step's command runs with the env the pipeline and the step
give them: the server version a client's integration step sets, which its script pulls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

PIPELINE = """\
---
agents:
  provider: "gcp"
env:
  SERVER_FLAVOUR: oss
steps:
  - label: ":js: client ({{ matrix.nodejs }})"
    env:
      NODE_VERSION: "{{ matrix.nodejs }}"
      STACK_VERSION: 9.1.2
    matrix:
      setup:
        nodejs: ["20", "22"]
    command: ./.buildkite/run-tests.sh
  - label: "agent-given"
    env:
      STACK_VERSION: "$BUILDKITE_STACK"
    commands:
      - echo starting
      - .buildkite/run-tests.sh
"""

RUN_TESTS = """\
#!/usr/bin/env bash
set -euo pipefail
docker pull quay.io/example/search-$SERVER_FLAVOUR:"${STACK_VERSION}"
docker run --rm node:"$NODE_VERSION" node --version
"""


def test_a_buildkite_step_s_env_reaches_the_script_its_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".buildkite").mkdir()
    (tmp_path / ".buildkite/pipeline.yml").write_text(PIPELINE)
    (tmp_path / ".buildkite/run-tests.sh").write_text(RUN_TESTS)
    records = {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    step = "(with the env of .buildkite/pipeline.yml:14)"
    assert (
        ".buildkite/run-tests.sh",
        3,
        f"docker pull {step}",
        "quay.io/example/search-oss:9.1.2",
        "public",
    ) in records
    # the matrix's two combinations fill `{{ matrix.nodejs }}` (buildkite_matrix.py); the agent's `$BUILDKITE_STACK`
    # is not a literal value: nothing else is listed
    assert {ref for file, _, _, ref, status in records if status == "public"} == {
        "quay.io/example/search-oss:9.1.2",
        "node:20",
        "node:22",
    }


NESTED_PIPELINE = """\
steps:
  - label: integration
    env:
      STACK_VERSION: 9.1.2
    command: ./.buildkite/run-tests.sh
"""

NESTED_RUN_TESTS = """\
#!/usr/bin/env bash
script_path=$(dirname "$(realpath -s "$0")")
source "$script_path/functions/imports.sh"
DETACH=true bash "$script_path/run-server.sh"
"""

RUN_SERVER = """\
#!/usr/bin/env bash
script_path=$(dirname $(realpath -s $0))
source $script_path/functions/imports.sh
docker pull quay.io/example/"$server_container"
"""

# the library assigns the script's directory again, written otherwise, and a command's output (not a place)
IMPORTS = """\
#!/usr/bin/env bash
export server_container="search:${STACK_VERSION}"
export script_path=$(dirname $(realpath -s $0))
export runner=$(command -v docker)
"""


def test_the_step_s_env_reaches_a_script_run_from_a_directory_its_library_assigns_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".buildkite/functions").mkdir(parents=True)
    (tmp_path / ".buildkite/pipeline.yml").write_text(NESTED_PIPELINE)
    (tmp_path / ".buildkite/run-tests.sh").write_text(NESTED_RUN_TESTS)
    (tmp_path / ".buildkite/run-server.sh").write_text(RUN_SERVER)
    (tmp_path / ".buildkite/functions/imports.sh").write_text(IMPORTS)
    records = {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    step = "(with the env of .buildkite/pipeline.yml:5)"
    assert (".buildkite/run-server.sh", 4, f"docker pull {step}", "quay.io/example/search:9.1.2", "public") in records
