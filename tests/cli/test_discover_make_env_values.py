"""A workflow step's `make docker-build IMG=${dockerImage}`: the shell expands the job's `env:` before make reads its
command line, so the name the recipe builds is the env's value, and the step's later uses of it are that build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
IMG ?= acme/operator:dev

docker-build:
\tdocker build -f Dockerfile -t "$(IMG)" .
"""

WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  e2e:
    runs-on: ubuntu-latest
    env:
      operatorImage: acme-operator:e2e
    steps:
      - uses: actions/checkout@v4
      - name: build the operator
        run: |
          make docker-build IMG=${operatorImage}
          kind load docker-image ${operatorImage} --name e2e
      - name: deploy it
        run: |
          cd config/default
          kustomize edit set image acme/operator=${operatorImage}
          docker run --rm ${operatorImage} --version
"""


def test_a_make_value_written_with_the_jobs_env_names_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "Makefile": MAKEFILE,
        "Dockerfile": "FROM gcr.io/distroless/static:nonroot\n",
        ".github/workflows/e2e.yml": WORKFLOW,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    used = {(row[0], row[1], row[4], row[5]) for row in rows if row[4] == "acme-operator:e2e"}
    assert used == {
        (".github/workflows/e2e.yml", 17, "acme-operator:e2e", "built-here"),
        (".github/workflows/e2e.yml", 18, "acme-operator:e2e", "built-here"),
    }
