"""`ecr-mirror discover` reads a composite action of the repository (`uses: ./.github/actions/NAME`) with the inputs
each workflow step gives it: `${{ inputs.NAME }}` in the action's steps is the step's `with:` value, else the
input's declared default (https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

ACTION = """\
name: install-collector
description: Install an OTLP collector in the test cluster
inputs:
  collector-image-name:
    description: The collector image name
    required: true
  collector-image-version:
    description: The collector image version
    required: true
  probe-image:
    description: The image that checks the collector answers
    default: curlimages/curl:8.11.1
runs:
  using: composite
  steps:
    - name: Install the collector
      shell: bash
      run: |
        cat <<EOF | kubectl apply -n otlp -f -
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: collector
        spec:
          template:
            spec:
              containers:
                - name: collector
                  image: ${{ inputs.collector-image-name }}:${{ inputs.collector-image-version }}
        EOF
    - name: Probe it
      shell: bash
      run: docker run --rm ${{ inputs.probe-image }} -sf http://collector:4318
"""

WORKFLOW = """\
name: telemetry
on: [pull_request]
jobs:
  telemetry:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        collector: ["0.102.0", "0.110.0"]
    steps:
      - uses: actions/checkout@v4
      - name: Install the collector
        uses: ./.github/actions/install-collector
        with:
          collector-image-name: otel/opentelemetry-collector
          collector-image-version: ${{ matrix.collector }}
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str]]:
    return {(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records}


def test_a_local_composite_action_is_read_with_the_inputs_each_step_gives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {".github/actions/install-collector/action.yml": ACTION, ".github/workflows/telemetry.yml": WORKFLOW}
    seen = _seen(tree_records(tree, tmp_path, capsys))
    action = ".github/actions/install-collector/action.yml"
    assert seen == {
        (action, 29, "otel/opentelemetry-collector:0.102.0", "public"),
        (action, 29, "otel/opentelemetry-collector:0.110.0", "public"),
        (action, 33, "curlimages/curl:8.11.1", "public"),
    }


def test_an_action_no_step_calls_takes_its_defaults_and_keeps_the_other_inputs_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    seen = _seen(tree_records({".github/actions/install-collector/action.yml": ACTION}, tmp_path, capsys))
    assert {(line, written, status) for _, line, written, status in seen} == {
        (29, "${{ inputs.collector-image-name }}:${{ inputs.collector-image-version }}", "unresolved"),
        (33, "curlimages/curl:8.11.1", "public"),
    }


def test_an_input_given_a_value_known_only_when_the_workflow_runs_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    workflow = WORKFLOW + "          probe-image: ${{ vars.PROBE_IMAGE }}\n"
    tree = {".github/actions/install-collector/action.yml": ACTION, ".github/workflows/telemetry.yml": workflow}
    seen = _seen(tree_records(tree, tmp_path, capsys))
    probes = {(line, written, status) for _, line, written, status in seen if line == 33}
    assert probes == {(33, "${{ inputs.probe-image }}", "unresolved")}  # not the default the call replaced


KIND_ACTION = """\
name: create-cluster
description: Create a kind cluster for the end-to-end tests
inputs:
  k8s_version:
    description: The Kubernetes version of the kind node
    required: true
runs:
  using: composite
  steps:
    - name: Create the cluster
      uses: helm/kind-action@v1.13.0
      with:
        version: v0.32.0
        node_image: kindest/node:${{ inputs.k8s_version }}
    - name: Cache the node image
      uses: actions/cache@v5
      with:
        path: /tmp/kind-node-${{ inputs.k8s_version }}.tar
        key: node:${{ inputs.k8s_version }}
"""

KIND_WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s_version: ["v1.33.12", "v1.36.1"]
    steps:
      - uses: actions/checkout@v4
      - name: Create the cluster
        uses: ./.github/actions/create-cluster
        with:
          k8s_version: ${{ matrix.k8s_version }}
"""


def test_the_image_inputs_of_well_known_actions_a_composite_action_runs_take_the_calls_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {".github/actions/create-cluster/action.yml": KIND_ACTION, ".github/workflows/e2e.yml": KIND_WORKFLOW}
    seen = _seen(tree_records(tree, tmp_path, capsys))
    action = ".github/actions/create-cluster/action.yml"
    assert seen == {  # not the cache action's `key`, which is no image input
        (action, 14, "kindest/node:v1.33.12", "public"),
        (action, 14, "kindest/node:v1.36.1", "public"),
    }


def test_an_image_input_of_a_composite_action_no_step_calls_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    seen = _seen(tree_records({".github/actions/create-cluster/action.yml": KIND_ACTION}, tmp_path, capsys))
    assert seen == {
        (".github/actions/create-cluster/action.yml", 14, "kindest/node:${{ inputs.k8s_version }}", "unresolved")
    }


NEEDS_WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  versions:
    runs-on: ubuntu-latest
    outputs:
      K8S_VERSIONS: '["1.36.1", "1.33.12"]'
    steps:
      - run: echo "versions"
  e2e:
    runs-on: ubuntu-latest
    needs: [versions]
    strategy:
      matrix:
        k8s-version: ${{ fromJson(needs.versions.outputs.K8S_VERSIONS) }}
    steps:
      - uses: actions/checkout@v4
      - name: Create the cluster
        uses: ./.github/actions/create-cluster
        with:
          k8s_version: v${{ matrix.k8s-version }}
"""


def test_a_call_over_a_matrix_listed_by_a_needed_jobs_literal_output_takes_each_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The matrix reads `needs.versions.outputs.K8S_VERSIONS`, an output the `versions` job writes as a literal JSON
    list (https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#needs-context): the step calls
    the action once per item, as the workflow's own steps are read."""
    monkeypatch.chdir(tmp_path)
    tree = {".github/actions/create-cluster/action.yml": KIND_ACTION, ".github/workflows/e2e.yml": NEEDS_WORKFLOW}
    seen = _seen(tree_records(tree, tmp_path, capsys))
    action = ".github/actions/create-cluster/action.yml"
    assert seen == {
        (action, 14, "kindest/node:v1.33.12", "public"),
        (action, 14, "kindest/node:v1.36.1", "public"),
    }


PROVISION = """\
name: provision-k3d-cluster
inputs:
  version:
    description: Kubernetes version
    required: true
runs:
  using: composite
  steps:
    - shell: bash
      run: |
        k3d cluster create kyma --image docker.io/rancher/k3s:v${{ inputs.version }}-k3s1
"""

E2E = """\
name: e2e-k3d
runs:
  using: composite
  steps:
    - uses: ./.github/actions/provision-k3d-cluster
      with:
        version: "1.33.0"
"""


def test_a_composite_action_calling_another_gives_it_its_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A composite action's step may call another local action (`uses: ./.github/actions/provision-k3d-cluster`,
    `with: {version: "1.33.0"}`), the path from the repository's top as a workflow's is: kyma-project/api-gateway's
    k3d cluster images (set ZZZZA)."""
    monkeypatch.chdir(tmp_path)
    tree = {".github/actions/provision-k3d-cluster/action.yaml": PROVISION, ".github/actions/e2e-k3d/action.yaml": E2E}
    seen = _seen(tree_records(tree, tmp_path, capsys))
    assert seen == {(".github/actions/provision-k3d-cluster/action.yaml", 11, "rancher/k3s:v1.33.0-k3s1", "public")}
