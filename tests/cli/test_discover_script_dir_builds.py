"""`ecr-mirror discover` reads the Dockerfile a script builds by the script's own directory: a CI runner script
sets `script_path=$(dirname $(realpath -s $0))` and builds `--file $script_path/Dockerfile` with the build arguments
its caller's env gives; the Dockerfile next to the script is built with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PIPELINE = """\
steps:
  - label: tests
    env:
      LANG_VERSION: '3.4'
      LANG_IMAGE: ruby
    command: ./.ci/run-tests.sh
"""

RUN_TESTS = """\
#!/usr/bin/env bash
script_path=$(dirname $(realpath -s $0))
scratch=$(mktemp -d)
export LANG_VERSION=${LANG_VERSION:-3.1}
docker build \\
       --file $script_path/Dockerfile \\
       --tag example/runner \\
       --build-arg LANG_VERSION=$LANG_VERSION \\
       --build-arg LANG_IMAGE=$LANG_IMAGE \\
       .
docker build --file "$scratch/Dockerfile" --build-arg LANG_VERSION=$LANG_VERSION --build-arg LANG_IMAGE=alpine .
"""

DOCKERFILE = """\
ARG LANG_VERSION=${LANG_VERSION:-3.1}
ARG LANG_IMAGE=${LANG_IMAGE:-ruby}
FROM $LANG_IMAGE:$LANG_VERSION
"""

# a Dockerfile at the top: the scratch directory's build must not be read as it
TOP_DOCKERFILE = """\
ARG LANG_IMAGE=debian
ARG LANG_VERSION=12
FROM $LANG_IMAGE:$LANG_VERSION
"""


def test_a_script_builds_the_dockerfile_of_its_own_directory_with_its_caller_s_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".buildkite/pipeline.yml": PIPELINE,
            ".ci/run-tests.sh": RUN_TESTS,
            ".ci/Dockerfile": DOCKERFILE,
            "Dockerfile": TOP_DOCKERFILE,
        },
    )
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert (".ci/Dockerfile", 3, "ruby:3.4", "public") in records  # the step's env, built by the script
    assert (".ci/Dockerfile", 3, "ruby:3.1", "public") in records  # the Dockerfile's defaults, read alone
    # `$scratch` is a command's output, not the script's directory: the top Dockerfile is read alone only
    assert {ref for _, _, ref, status in records if status == "public"} == {"ruby:3.4", "ruby:3.1", "debian:12"}
