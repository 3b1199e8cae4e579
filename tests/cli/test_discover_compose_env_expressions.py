"""`ecr-mirror discover` on a workflow step that runs compose with a variable its `env:` sets to an expression known
only when the job runs (`RELEASE: ${{ matrix.version }}`, the matrix computed by another job): compose sees that
value, not the file's `${RELEASE:-latest}` default, so the step pulls no image of the default's tag; the file's own
reading (a laptop's `docker compose up`) is still listed. A step whose env gives the variable a literal is read with
it, and an expression given to a variable the image does not use (`DB_PASSWORD: ${{ secrets.DB_PASSWORD }}`)
changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

COMPOSE = """\
services:
  app:
    image: ${IMAGE:-ghcr.io/acme/chat}:${RELEASE:-latest}
    environment:
      DB_PASSWORD: ${DB_PASSWORD:-secret}
  db:
    image: postgres:${PG_TAG:-16}
"""

WORKFLOW = """\
name: build-test
on: [pull_request]
jobs:
  gen-matrix:
    runs-on: ubuntu-latest
    outputs:
      matrix: ${{ steps.generator.outputs.result }}
    steps:
      - id: generator
        run: echo "result=[]" >> "$GITHUB_OUTPUT"
  build:
    needs: gen-matrix
    runs-on: ubuntu-latest
    strategy:
      matrix: ${{ fromJson(needs.gen-matrix.outputs.matrix) }}
    steps:
      - uses: actions/checkout@v4
      - name: Run image
        env:
          IMAGE: acme/chat
          RELEASE: ${{ matrix.version }}
        run: docker compose up -d
      - name: Run released image
        env:
          IMAGE: acme/chat
          RELEASE: "6.4"
          PG_TAG: ${{ secrets.PG_TAG }}
          DB_PASSWORD: ${{ secrets.DB_PASSWORD }}
        run: docker compose up -d
"""


def test_an_env_expression_over_a_compose_default_is_not_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"compose.yml": COMPOSE, ".github/workflows/build-test.yml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"], r["status"], r["use"]) for r in records) == [
        ("acme/chat:6.4", "compose.yml", 3, "public", "image (with the env of .github/workflows/build-test.yml:29)"),
        ("ghcr.io/acme/chat:latest", "compose.yml", 3, "public", "image"),
        ("postgres:16", "compose.yml", 7, "public", "image"),
    ]
