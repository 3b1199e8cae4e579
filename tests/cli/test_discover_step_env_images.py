"""`ecr-mirror discover` on held-out set AP showed missed: a workflow's `run:` step that names its image with
`${{ env.NAME }}`, the workflow's literal `env:` giving it (fides' review workflow: `env: NEO4J_IMAGE:
neo4j:5.26.24-community`, then `docker run ... ${{ env.NEO4J_IMAGE }}` in a step that uses no matrix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

WORKFLOW = """\
name: review
on: [pull_request]
env:
  GRAPH_IMAGE: neo4j:5.26.24-community
jobs:
  review:
    runs-on: ubuntu-latest
    env:
      CACHE_IMAGE: redis:7.4-alpine
    steps:
      - name: Start the graph
        run: |
          mkdir -p data
          docker run -d --name graph \\
            -v "$(pwd)/data:/data" \\
            ${{ env.GRAPH_IMAGE }}
      - name: Start the cache
        run: docker run -d ${{ env.CACHE_IMAGE }}
      - name: Elsewhere
        run: docker run --rm ${{ env.FROM_A_SECRET }} true
"""


def test_a_run_steps_env_expression_takes_the_workflows_literal_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({".github/workflows/review.yml": WORKFLOW}, tmp_path, capsys)
    assert {(r["line"], r["reference"]) for r in records if r["status"] == "public"} == {
        (14, "neo4j:5.26.24-community"),
        (18, "redis:7.4-alpine"),
    }
    assert [r["line"] for r in records if r["status"] == "unresolved"] == [20]  # an env value the file does not set


BUILT = """\
name: docker
on: [pull_request]
env:
  TEST_TAG: acme/pad:test
jobs:
  docker:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          load: true
          tags: ${{ env.TEST_TAG }}
      - name: Test
        run: docker run --rm -d --name test ${{ env.TEST_TAG }}
"""


def test_an_env_tag_the_job_builds_and_loads_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({".github/workflows/docker.yml": BUILT}, tmp_path, capsys)
    assert not [r for r in records if r["status"] in ("public", "unresolved")]
