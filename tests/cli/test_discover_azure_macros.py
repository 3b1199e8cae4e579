"""`ecr-mirror discover` reads an Azure Pipelines script step with the pipeline's own variables in place of their
`$(NAME)` macros, as the agent substitutes them before the step runs
(https://learn.microsoft.com/en-us/azure/devops/pipelines/process/variables#macro-syntax-variables): the images a
trivy scan pulls, a `docker run`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

PIPELINE = """\
trigger: [main]
variables:
  KSM_IMAGE: 'mcr.microsoft.com/oss/v2/kubernetes/kube-state-metrics:v2.19.0-4'
  NODE_EXPORTER_IMAGE: 'mcr.microsoft.com/oss/v2/prometheus/node-exporter:v1.9.1'
  BUILT_IMAGE: $(ACR)/prometheus-collector:$(TAG)
jobs:
  - job: scan
    pool: {vmImage: ubuntu-24.04}
    steps:
      - bash: |
          for image in $(KSM_IMAGE) $(NODE_EXPORTER_IMAGE); do
            trivy image --exit-code 1 --severity HIGH,CRITICAL $image
          done
      - script: docker run --rm $(NODE_EXPORTER_IMAGE) --version
"""

LISTED_VARIABLES = """\
variables:
  - name: TOOLS_IMAGE
    value: mcr.microsoft.com/azure-cli:2.67.0
  - group: release-secrets
steps:
  - script: docker run --rm $(TOOLS_IMAGE) az version
"""


def _listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> list[str]:
    write_tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    return [line.split()[0] for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]


def test_a_step_s_macros_take_the_pipeline_s_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _listed(tmp_path, monkeypatch, capsys, {".pipelines/azure-pipeline-build.yml": PIPELINE}) == [
        "mcr.microsoft.com/oss/v2/kubernetes/kube-state-metrics:v2.19.0-4",
        "mcr.microsoft.com/oss/v2/prometheus/node-exporter:v1.9.1",
    ]


def test_variables_written_as_a_list_of_names_and_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _listed(tmp_path, monkeypatch, capsys, {"azure-pipelines.yml": LISTED_VARIABLES}) == [
        "mcr.microsoft.com/azure-cli:2.67.0"
    ]
