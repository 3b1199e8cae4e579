"""`ecr-mirror discover` reads the compose file a workflow job starts with the values an earlier step of the job
writes to `$GITHUB_ENV` (decided per combination of the job's matrix, through a bash map keyed by the matrix value
and the `if` branches it decides), whether the compose file runs from a `run:` step or a compose action's step
(`hoverkraft-tech/compose-action`, its `services` only and what they depend on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: tests
on: [pull_request]
jobs:
  tests:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        server: ['5.0', '7.2', '8.4']
    steps:
      - name: pick the server image
        run: |
          declare -A builds=(
            ["8.4"]="8.4.1"
            ["7.2"]="7.2.9"
          )
          declare -A extras=(
            ["7.2"]="x-7.2.0-v3"
          )
          if [[ -v builds[${{ matrix.server }}] ]]; then
            echo "SERVER_IMAGE=acme/server-test:${builds[${{ matrix.server }}]}" >> $GITHUB_ENV
            echo "EXTRA_IMAGE=acme/server-test:${extras[${{ matrix.server }}]}" >> $GITHUB_ENV
            echo "SERVICE=server-test" >> $GITHUB_ENV
          else
            echo "SERVER_IMAGE=acme/server:${{ matrix.server }}" >> $GITHUB_ENV
            echo "SERVICE=server-official" >> $GITHUB_ENV
          fi
      - uses: actions/checkout@v4
      - name: start the server
        uses: hoverkraft-tech/compose-action@v2
        with:
          compose-file: ci/docker-compose.yml
          services: ${{ env.SERVICE }}
      - name: start the extras
        if: ${{ matrix.server >= '7.0' && matrix.server < '8.0' }}
        uses: hoverkraft-tech/compose-action@v2
        with:
          compose-file: ci/docker-compose.yml
          services: extras
"""

COMPOSE = """\
services:
  server-official:
    image: ${SERVER_IMAGE:-acme/server:8.0}
  server-test:
    image: ${SERVER_IMAGE:-acme/server-test:8.0.2}
    depends_on: [proxy]
  proxy:
    image: ${PROXY_IMAGE:-acme/proxy:1.0}
  extras:
    image: ${EXTRA_IMAGE:-acme/server-test:x-7.4.0-v2}
"""


def _records(
    tree: dict[str, str], root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[object, ...]]:
    write_tree(root, tree)
    return {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(root, monkeypatch, capsys)
    }


def test_values_written_to_github_env_reach_the_compose_action_s_services(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {".github/workflows/tests.yml": WORKFLOW, "ci/docker-compose.yml": COMPOSE}
    records = _records(tree, tmp_path, monkeypatch, capsys)
    file = "ci/docker-compose.yml"
    start = "(with the env of .github/workflows/tests.yml:29)"
    extras = "(with the env of .github/workflows/tests.yml:35)"
    assert records == {
        (file, 3, "image", "acme/server:8.0", "public"),
        (file, 5, "image", "acme/server-test:8.0.2", "public"),
        (file, 8, "image", "acme/proxy:1.0", "public"),
        (file, 10, "image", "acme/server-test:x-7.4.0-v2", "public"),
        # 5.0 has no build in the map: the `else` branch, the official service alone
        (file, 3, f"image {start}", "acme/server:5.0", "public"),
        # 7.2 and 8.4: the map's builds, the test service (its dependency `proxy` keeps its default)
        (file, 5, f"image {start}", "acme/server-test:7.2.9", "public"),
        (file, 5, f"image {start}", "acme/server-test:8.4.1", "public"),
        # the extras step runs for 7.2 only (its `if:`), with the extras map's value
        (file, 10, f"image {extras}", "acme/server-test:x-7.2.0-v3", "public"),
    }


RUN_WORKFLOW = """\
name: tests
on: [pull_request]
jobs:
  tests:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        db: [postgres, mysql]
    steps:
      - run: |
          if [ "${{ matrix.db }}" = "postgres" ]; then
            echo "DB_IMAGE=postgres:17" >> "$GITHUB_ENV"
          fi
          if [ "$(uname -m)" = "x86_64" ]; then
            echo "CACHE_IMAGE=redis:7.4" >> "$GITHUB_ENV"
          fi
      - run: docker compose up -d
"""

RUN_COMPOSE = """\
services:
  db:
    image: ${DB_IMAGE:-mariadb:11.4}
  cache:
    image: ${CACHE_IMAGE:-valkey/valkey:8}
"""


def test_a_run_step_s_compose_reads_the_branches_an_earlier_step_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {".github/workflows/tests.yml": RUN_WORKFLOW, "compose.yaml": RUN_COMPOSE}
    records = _records(tree, tmp_path, monkeypatch, capsys)
    assert records == {
        ("compose.yaml", 3, "image", "mariadb:11.4", "public"),
        ("compose.yaml", 5, "image", "valkey/valkey:8", "public"),
        ("compose.yaml", 3, "image (with the env of .github/workflows/tests.yml:17)", "postgres:17", "public"),
        # a branch decided only when the job runs (`uname`) writes nothing known: no redis:7.4
    }
