"""`ecr-mirror discover` on Kyverno Chainsaw tests (https://kyverno.github.io/chainsaw/): a `Test` (or a
`StepTemplate`) of `chainsaw.kyverno.io` whose steps run shell `script:` contents against the cluster, where
`kubectl run --image=...` makes the cluster pull the image; read as the steps of a CI file are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CHAINSAW = """\
apiVersion: chainsaw.kyverno.io/v1alpha1
kind: Test
metadata:
  name: exporter-metrics
spec:
  steps:
    - try:
        - apply:
            file: cache.yaml
    - name: Scrape the exporter from inside the cluster
      try:
        - script:
            timeout: 60s
            content: |
              #!/bin/bash
              set -e
              OUT=$(kubectl run -n ${NAMESPACE} scrape --rm -i --restart=Never --image=curlimages/curl:8.11.1 -- \\
                curl -s http://cache-metrics.${NAMESPACE}.svc:9121/metrics 2>&1)
              echo "$OUT" | grep -q cache_up
"""

NOT_CHAINSAW = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
data:
  howto: |
    kubectl run scrape --rm -i --image=curlimages/curl:8.11.1 -- curl -s http://x
"""


def test_a_chainsaw_test_s_scripts_are_read_as_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/e2e/metrics/chainsaw-test.yaml": CHAINSAW, "deploy/notes.yaml": NOT_CHAINSAW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"], r["kind"]) for r in records} == {
        ("tests/e2e/metrics/chainsaw-test.yaml", 17, "curlimages/curl:8.11.1", "public", "Chainsaw test"),
    }
