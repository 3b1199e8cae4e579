"""A Prow job's container runs its `args` (https://docs.prow.k8s.io/docs/jobs/): a job whose args are a shell and
its script (`args: [bash, -c, |...]`, with Docker-in-Docker, `preset-dind-enabled`) pulls what the script's `docker
run` runs, read as a CI step's commands. The job's own container image is read as before; the text of another YAML
file with such a block is not scanned."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

JOBS = """\
presubmits:
  acme/infra:
    - name: pull-infra-argocd-diff
      run_if_changed: "^kubernetes/"
      labels:
        preset-dind-enabled: "true"
      decorate: true
      spec:
        containers:
          - image: gcr.io/acme-ci/kubekins-e2e:v20260810-master
            command:
              - runner.sh
            args:
              - bash
              - -c
              - |
                kind create cluster
                docker run \\
                  --network=host \\
                  -v $(ARTIFACTS):/output \\
                  acme/argocd-diff-preview:v0.2.11 \\
                  --argocd-namespace=argocd-diff-preview
"""

NOT_A_JOB = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: scripts
data:
  run.sh: |
    docker run --rm acme/should-not-list:1
"""


def test_a_prow_jobs_script_is_read_as_ci_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {"config/jobs/acme/infra-presubmits.yaml": JOBS, "deploy/scripts.yaml": NOT_A_JOB}
    records = tree_records(tree, tmp_path, capsys)
    listed = {(r["reference"], r["line"], r["kind"]) for r in records if r["reference"]}
    assert ("acme/argocd-diff-preview:v0.2.11", 18, "Prow job config") in listed
    assert ("gcr.io/acme-ci/kubekins-e2e:v20260810-master", 10, "Prow job config") in listed
    assert not any("should-not-list" in ref for ref, _, _ in listed)
