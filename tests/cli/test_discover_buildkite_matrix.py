"""`ecr-mirror discover` reads a Buildkite step's build matrix: each combination of its `setup` (and each one an
adjustment adds, less those it skips) fills the step's `{{ matrix.X }}` env values, which reach the script the
step runs and the Dockerfile that script builds with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PIPELINE = """\
steps:
  - label: "suite {{ matrix.flavour }}:{{ matrix.lang }}"
    matrix:
      setup:
        lang:
          - '3.4'
          - '3.3'
        flavour:
          - ruby
      adjustments:
        - with:
            lang: '9.4'
            flavour: jruby
        - with:
            lang: '3.3'
            flavour: ruby
          skip: true
    env:
      LANG_VERSION: '{{ matrix.lang }}'
      LANG_IMAGE: '{{ matrix.flavour }}'
    command: ./.ci/run-tests.sh
  - label: "no matrix here"
    env:
      LANG_VERSION: '{{ matrix.lang }}'
      LANG_IMAGE: python
    command: ./.ci/run-tests.sh
"""

RUN_TESTS = """\
#!/usr/bin/env bash
docker build --file .ci/Dockerfile --build-arg LANG_VERSION=$LANG_VERSION --build-arg LANG_IMAGE=$LANG_IMAGE .
"""

DOCKERFILE = """\
ARG LANG_VERSION=3.1
ARG LANG_IMAGE=ruby
FROM $LANG_IMAGE:$LANG_VERSION
"""


def test_each_combination_of_a_buildkite_matrix_reaches_the_dockerfile_the_step_s_script_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path, {".buildkite/pipeline.yml": PIPELINE, ".ci/run-tests.sh": RUN_TESTS, ".ci/Dockerfile": DOCKERFILE}
    )
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert (".ci/Dockerfile", 3, "ruby:3.4", "public") in records
    assert (".ci/Dockerfile", 3, "jruby:9.4", "public") in records  # an adjustment's added combination
    assert (".ci/Dockerfile", 3, "ruby:3.1", "public") in records  # the Dockerfile read alone
    # the skipped combination is not built; the step without a matrix gives no `LANG_VERSION` (its template is not
    # a value), so its build takes the Dockerfile's default
    assert {ref for _, _, ref, status in records if status == "public"} == {
        "ruby:3.4",
        "jruby:9.4",
        "ruby:3.1",
        "python:3.1",
    }
