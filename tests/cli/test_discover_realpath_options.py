"""`ecr-mirror discover` reads a script's own directory written with `realpath`'s options (`realpath -s "$0"`): the
library a CI script sources from there, and the script it runs from there with the step's env."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

WORKFLOW = """\
name: integration
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      SERVER_VERSION: 8.19.3
    steps:
      - uses: actions/checkout@v4
      - run: ./.ci/run-tests.sh
"""

RUN_TESTS = """\
#!/usr/bin/env bash
script_path=$(dirname "$(realpath -s "$0")")
source "$script_path/functions/imports.sh"
DETACH=true bash "$script_path/run-server.sh"
"""

RUN_SERVER = """\
#!/usr/bin/env bash
script_path=$(dirname $(realpath --no-symlinks $0))
source $script_path/functions/imports.sh
docker pull quay.io/example/"$server_container"
docker run --rm -d busybox:"$busybox_tag" true
"""

IMPORTS = """\
#!/usr/bin/env bash
export server_image=server
export server_container="${server_image}:${SERVER_VERSION}"
export busybox_tag=1.37
"""

# a near shape: `realpath` given a path that is not the script's own, then a directory of its own
OTHER = """\
#!/usr/bin/env bash
here=$(dirname "$(realpath -s "$TARGET")")
source "$here/functions/imports.sh"
docker run --rm alpine:"$busybox_tag" true
"""


def test_a_script_s_directory_through_realpath_s_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".ci/functions").mkdir(parents=True)
    (tmp_path / ".github/workflows/integration.yml").write_text(WORKFLOW)
    (tmp_path / ".ci/run-tests.sh").write_text(RUN_TESTS)
    (tmp_path / ".ci/run-server.sh").write_text(RUN_SERVER)
    (tmp_path / ".ci/functions/imports.sh").write_text(IMPORTS)
    (tmp_path / ".ci/other.sh").write_text(OTHER)
    records = {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    step = "(with the env of .github/workflows/integration.yml:10)"
    assert (".ci/run-server.sh", 4, f"docker pull {step}", "quay.io/example/server:8.19.3", "public") in records
    assert (".ci/run-server.sh", 5, "docker run", "busybox:1.37", "public") in records  # the sourced library's value
    assert (".ci/other.sh", 4, "docker run", "alpine:$busybox_tag", "unresolved") in records  # not its own directory
