"""`ecr-mirror discover` reads Kubeflow Pipelines pipeline specs (the YAML `kfp.compiler.Compiler` writes and a KFP
backend runs: `pipelineInfo`, `root`, `deploymentSpec`): each executor's `container.image` is a pod the run
starts. The `argostub/createpvc` and `argostub/deletepvc` executors of `kfp.kubernetes` are done by KFP's driver
itself, no image pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

PIPELINE = """\
# PIPELINE DEFINITION
# Name: sum-pipeline
components:
  comp-sum:
    executorLabel: exec-sum
  comp-createpvc:
    executorLabel: exec-createpvc
deploymentSpec:
  executors:
    exec-createpvc:
      container:
        image: argostub/createpvc
    exec-sum:
      container:
        args:
        - --executor_input
        - '{{$}}'
        command:
        - sh
        - -c
        image: jetbrainsinfra/jq
    exec-fetch:
      container:
        command:
        - curl
        image: curlimages/curl:8.7.1
pipelineInfo:
  name: sum-pipeline
root:
  dag:
    tasks: {}
schemaVersion: 2.1.0
sdkVersion: kfp-2.14.0
---
platforms:
  kubernetes:
    deploymentSpec:
      executors:
        exec-sum:
          pvcMount:
          - mountPath: /data
"""

NOT_KFP = """\
deploymentSpec:
  executors:
    exec-sum:
      container:
        image: acme/not-a-pipeline:1.0
"""


def test_the_executor_images_of_a_kfp_pipeline_spec_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {"test_data/pipelines/sum.yaml": PIPELINE, "config/other.yaml": NOT_KFP}
    seen = {(r["file"], r["line"], r["reference"], r["status"]) for r in tree_records(tree, tmp_path, capsys)}
    assert seen == {  # not the driver's argostub, nor a document that is no pipeline spec
        ("test_data/pipelines/sum.yaml", 21, "jetbrainsinfra/jq:latest", "public"),
        ("test_data/pipelines/sum.yaml", 26, "curlimages/curl:8.7.1", "public"),
    }
