"""`earthly [options] +target --NAME=value` (or the older `--build-arg NAME=value` before the target) in a CI step or
a script runs the target of the Earthfile of the directory it names with those values
(https://docs.earthly.dev/docs/earthly-command): a workflow step over the job's matrix runs it once per combination."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

EARTHFILE = """\
VERSION 0.7
test-base:
    ARG OTP_IMAGE=26.2-alpine
    FROM erlang:$OTP_IMAGE

test:
    FROM +test-base
    ARG DB=postgres:15
    WITH DOCKER --pull "$DB"
        RUN docker run -d "$DB" && rebar3 ct
    END
"""

WORKFLOW = """\
name: ci
on: [push]
jobs:
  integration:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        otp: ["27.1-alpine", "25.3-alpine"]
    steps:
      - uses: earthly/actions-setup@v1
      - uses: actions/checkout@v4
      - name: test under ${{ matrix.otp }}
        run: earthly -P --ci --build-arg OTP_IMAGE=${{ matrix.otp }} +test
  db:
    runs-on: ubuntu-24.04
    steps:
      - run: |
          earthly --ci ./db+test --DB=postgres:17 --UNKNOWN=${{ github.sha }}
"""

SCRIPT = """\
#!/bin/sh
echo "earthly +test --OTP_IMAGE=24.0-alpine"
earthly --push +test --DB="$DATABASE"
"""


def test_an_earthly_command_runs_its_target_with_the_values_it_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Earthfile": EARTHFILE,
            "db/Earthfile": EARTHFILE,
            ".github/workflows/ci.yml": WORKFLOW,
            "scripts/release.sh": SCRIPT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert rows == {
        ("Earthfile", 4, "erlang:26.2-alpine", "public"),  # the defaults, as `earthly +test` runs it
        ("Earthfile", 4, "erlang:27.1-alpine", "public"),  # the step, once per value of the matrix
        ("Earthfile", 4, "erlang:25.3-alpine", "public"),
        ("Earthfile", 9, "postgres:15", "public"),
        ("Earthfile", 10, "postgres:15", "public"),
        ("db/Earthfile", 4, "erlang:26.2-alpine", "public"),
        ("db/Earthfile", 9, "postgres:15", "public"),
        ("db/Earthfile", 9, "postgres:17", "public"),  # `./db+test --DB=postgres:17`
        ("db/Earthfile", 10, "postgres:15", "public"),
        ("db/Earthfile", 10, "postgres:17", "public"),
    }
    # an `echo` of a command, and a value known only when it runs (`$DATABASE`, `${{ github.sha }}`), give nothing
    assert "erlang:24.0-alpine" not in {r["reference"] for r in records}
