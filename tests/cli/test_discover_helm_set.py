"""`ecr-mirror discover` reads the values a script's `helm install|upgrade` gives a chart of the tree on its command
line (`--set image.tag=v1.7.3`, `--set-string`; https://helm.sh/docs/helm/helm_install/: "--set stringArray: set values
on the command line"): the chart's values with those over them, as a values file given with `-f` is read, each image
they make otherwise than the defaults at the script's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

CHART = """\
apiVersion: v2
name: vectordb
version: 1.4.0
appVersion: v1.19.0
"""
VALUES = """\
replicaCount: 1
image:
  repository: docker.io/acme/vectordb
  pullPolicy: IfNotPresent
  tag: ""
  useUnprivilegedImage: false
"""
STATEFULSET = """\
spec:
  template:
    spec:
      containers:
        - name: vectordb
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\
{{ .Values.image.useUnprivilegedImage | ternary "-unprivileged" "" }}"
"""
ROLLING = """\
setup() {
  kubectl create ns rolling-update
  helm upgrade --install vectordb charts/vectordb -n rolling-update --wait --timeout 3m \\
    --set replicaCount=3 --set image.tag=v1.7.3
}
"""
UNPRIVILEGED = """\
setup_file() {
    helm upgrade --install vectordb charts/vectordb -n it --wait --set image.useUnprivilegedImage=true
}
"""
RENDERED_ONLY = """\
#!/usr/bin/env bash
helm template vectordb ./charts/vectordb --set image.tag=v0.0.1-render | kubeconform -strict
helm install other acme/other --set image.tag=v9.9.9
helm install vectordb ./charts/vectordb --set-string image.tag=$TAG
"""


def _rows(records: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


def test_the_values_a_script_sets_on_a_chart_of_the_tree_make_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "charts/vectordb/Chart.yaml": CHART,
        "charts/vectordb/values.yaml": VALUES,
        "charts/vectordb/templates/statefulset.yaml": STATEFULSET,
        "test/integration/rolling_update.bats": ROLLING,
        "test/integration/unprivileged.bats": UNPRIVILEGED,
        "hack/render.sh": RENDERED_ONLY,
    }
    rows = _rows(tree_records(tree, tmp_path, capsys))
    assert ("charts/vectordb/values.yaml", 3, "acme/vectordb:v1.19.0") in rows
    assert ("test/integration/rolling_update.bats", 3, "acme/vectordb:v1.7.3") in rows
    assert ("test/integration/unprivileged.bats", 2, "acme/vectordb:v1.19.0-unprivileged") in rows
    # `helm template` renders and installs nothing; a chart not in the tree and a value the script leaves unknown
    # make nothing of the tree's chart
    assert not [row for row in rows if row[0] == "hack/render.sh"]


WORKFLOW = """\
on: pull_request
jobs:
  chart:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Install the chart with the slim image
        run: |
          kubectl create ns it
          helm upgrade --install vectordb ./charts/vectordb \\
            --set image.tag=v2.0.0-slim
"""


def test_a_workflow_step_s_set_values_are_listed_at_the_command_s_line_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the step's script starts at the file's line 9: the record is at the helm line of the workflow (10), and its use
    # names the command without a line of the step's own text (which said `:2`, a line of nothing in the file)
    monkeypatch.chdir(tmp_path)
    tree = {
        "charts/vectordb/Chart.yaml": CHART,
        "charts/vectordb/values.yaml": VALUES,
        "charts/vectordb/templates/statefulset.yaml": STATEFULSET,
        ".github/workflows/chart.yaml": WORKFLOW,
    }
    records = tree_records(tree, tmp_path, capsys)
    [slim] = [r for r in records if r["reference"] == "acme/vectordb:v2.0.0-slim"]
    assert (slim["file"], slim["line"], slim["use"]) == (
        ".github/workflows/chart.yaml",
        10,
        "values image (helm --set)",
    )


OPERATOR_CHART = """\
apiVersion: v2
name: operator
version: 1.0.0
"""
OPERATOR_VALUES = """\
image:
  repository: acme/operator
  tag: nightly
"""
OPERATOR_DEPLOYMENT = """\
spec:
  template:
    spec:
      containers:
        - name: operator
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
"""
LOCAL_DEPLOY = """\
#!/bin/bash
IMAGE_TAG="${IMAGE_TAG:=dev}"
helm install operator charts/operator --set "image.repository=acme/operator-dev" --set "image.tag=${IMAGE_TAG}"
helm install other charts/operator --set image.repository=acme/operator-other --set image.tag=$1
"""


def test_a_set_value_from_a_variable_is_the_script_s_value_never_the_chart_s_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `image.tag=${IMAGE_TAG}` is the value the script gives IMAGE_TAG, `dev`; `image.tag=$1` is known only when the
    # script runs: its image is not known, and never the repository set beside it with the chart's default tag
    monkeypatch.chdir(tmp_path)
    tree = {
        "charts/operator/Chart.yaml": OPERATOR_CHART,
        "charts/operator/values.yaml": OPERATOR_VALUES,
        "charts/operator/templates/deployment.yaml": OPERATOR_DEPLOYMENT,
        "hack/local_deploy.sh": LOCAL_DEPLOY,
    }
    rows = _rows(tree_records(tree, tmp_path, capsys))
    assert {row for row in rows if row[0] == "hack/local_deploy.sh"} == {
        ("hack/local_deploy.sh", 3, "acme/operator-dev:dev")
    }
