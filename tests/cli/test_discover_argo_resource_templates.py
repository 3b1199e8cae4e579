"""`ecr-mirror discover` on an Argo Workflows workflow whose resource template creates an object from the manifest it
holds as a string (`resource: {action: create, manifest: |...}`): the images of that object are pulled when the
workflow runs, and are listed at their lines inside the block."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: batch-steps-
spec:
  entrypoint: steps
  templates:
  - name: steps
    steps:
    - - name: first
        template: batch-job
        arguments:
          parameters: [{name: message, value: hello}]
  - name: batch-job
    inputs:
      parameters:
      - name: message
    resource:
      action: create
      successCondition: status.state.phase = Completed
      manifest: |
        apiVersion: batch/v1
        kind: Job
        metadata:
          generateName: step-{{inputs.parameters.message}}-
        spec:
          template:
            spec:
              containers:
              - image: acme/cowsay:1.2
                command: [cowsay]
                args: ["{{inputs.parameters.message}}"]
                name: hello
              restartPolicy: Never
  - name: cleanup
    resource:
      action: delete
      manifest: |
        apiVersion: v1
        kind: Pod
        metadata:
          name: leftover
        spec:
          containers:
          - name: main
            image: acme/leftover:0.1
"""

CRON = """\
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedule: "0 2 * * *"
  workflowSpec:
    entrypoint: run
    templates:
    - name: run
      resource:
        action: apply
        manifest: |
          apiVersion: v1
          kind: Pod
          metadata:
            name: nightly
          spec:
            containers:
            - name: main
              image: ghcr.io/acme/nightly:2.0
"""

# a ConfigMap of another tool whose `manifest` string is not created by Argo
OTHER = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: templates
data:
  manifest: |
    apiVersion: v1
    kind: Pod
    spec:
      containers:
      - name: main
        image: acme/not-created:1.0
"""


def test_the_object_a_resource_template_creates_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"workflows/steps.yaml": WORKFLOW, "workflows/cron.yaml": CRON, "deploy/configmap.yaml": OTHER}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("workflows/cron.yaml", 21, "ghcr.io/acme/nightly:2.0", "public"),
        ("workflows/steps.yaml", 30, "acme/cowsay:1.2", "public"),
    ]
