"""`ecr-mirror discover` on a workflow that loads a file of the tree into the job's env with an env-file action
(`cardinalby/export-env-action` and its forks, `envFile:` with `expand: 'true'`): the later steps' `${{ env.NAME }}`
take the file's values, as after `cat FILE >> "$GITHUB_ENV"`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

ENV_FILE = """\
# pinned versions of the e2e jobs
KUBERNETES_VERSION: v1.31.4
KIND_IMAGE_SHA: sha256:{sha}
REGISTRY=registry
REGISTRY_IMAGE="${{REGISTRY}}:2.8.3"  # expanded
""".format(sha="b" * 64)

WORKFLOW = """\
name: e2e
on: [push]
jobs:
  e2e:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Load the pinned versions
        uses: cardinalby/export-env-action@v2
        with:
          envFile: './.github/env/pins.env'
          expand: 'true'
      - run: |
          cat > kind.yaml <<EOF
          kind: Cluster
          apiVersion: kind.x-k8s.io/v1alpha4
          nodes:
          - role: control-plane
            image: kindest/node:${{ env.KUBERNETES_VERSION }}@${{ env.KIND_IMAGE_SHA }}
          EOF
      - uses: helm/kind-action@v1.12.0
        with:
          config: kind.yaml
      - run: docker pull ${{ env.REGISTRY_IMAGE }}
"""

TREE = {".github/workflows/e2e.yml": WORKFLOW, ".github/env/pins.env": ENV_FILE}


def test_an_env_file_action_gives_the_later_steps_its_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    assert (19, "kindest/node:v1.31.4@sha256:" + "b" * 64, "public") in rows
    assert (24, "registry:2.8.3", "public") in rows


def test_a_filtered_or_unexported_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow = WORKFLOW.replace("          expand: 'true'\n", "          export: 'false'\n")
    tree = {".github/workflows/e2e.yml": workflow, ".github/env/pins.env": ENV_FILE}
    rows = {(row[1], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    assert (19, "unresolved") in rows
