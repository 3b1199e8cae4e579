"""`ecr-mirror discover` on a justfile's recipes (https://just.systems/man/en/): `.justfile` is a justfile too, and
a `{{ ... }}` interpolation is read as just renders it: a recipe parameter's default (`docs VERSION='2.4.0':`, what
`just docs` runs) or a top-level `NAME := "v"`; any other expression (`justfile_directory()`, a parameter without a
default) is one word known only when the recipe runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

JUSTFILE = """\
set dotenv-load := true

tools_dir := join(justfile_directory(), "tools")
export PROTOC_IMAGE := "example/protoc:25.1"

docs-api VERSION='2.4.0':
    @ docker run --rm -v {{ justfile_directory() }}:/src example/docgen:{{ VERSION }} build /src/api.json

proto: docs-api
    docker run --rm -v {{ tools_dir }}:/tools {{ PROTOC_IMAGE }} --version

tracing:
    @ docker run -d --name tracing \\
        -p 16686:16686 \\
        example/tracing:1.61.0

release TAG:
    docker pull example/release:{{ TAG }}
"""


def test_a_hidden_justfile_is_read_with_its_interpolations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".justfile": JUSTFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        (".justfile", 7, "example/docgen:2.4.0", "public"),
        (".justfile", 10, "example/protoc:25.1", "public"),
        (".justfile", 13, "example/tracing:1.61.0", "public"),
        (".justfile", 18, None, "unresolved"),
    }
    assert all(r["kind"] == "justfile" for r in records)


def test_a_justfile_interpolation_is_one_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"justfile": JUSTFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert "example/docgen:2.4.0" in {r["reference"] for r in records}
    assert not any("justfile_directory" in r["written"] for r in records)


BUILDING_JUSTFILE = """\
BENCH_NAME := 'acme-bench'
BENCH_PORT := '15432'

bench-db:
  #!/usr/bin/env bash
  set -euo pipefail
  docker build -t {{BENCH_NAME}}:latest -f ../db/Dockerfile --target test-db ../db
  docker run -d --name {{BENCH_NAME}} -p {{BENCH_PORT}}:5432 \\
      -e POSTGRES_HOST_AUTH_METHOD=trust \\
      {{BENCH_NAME}}:latest
"""


def test_a_name_a_justfile_recipe_builds_with_an_interpolation_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tools/justfile": BUILDING_JUSTFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tools/justfile", 8, "acme-bench:latest", "built-here"),
    }
