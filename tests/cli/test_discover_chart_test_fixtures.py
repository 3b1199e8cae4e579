"""`ecr-mirror discover` on the values files a Helm chart's own tests render it with (`CHART/tests/`): fixtures of
a unit test (terratest or helm-unittest rendering the chart), never installed, unlike the chart's values and the
`ci/*-values.yaml` chart-testing installs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "charts/runner-set/Chart.yaml": "apiVersion: v2\nname: runner-set\nversion: 0.4.0\nappVersion: 0.4.0\n",
    "charts/runner-set/templates/pod.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n"
        "  containers: {{ toYaml .Values.containers | nindent 4 }}\n"
    ),
    "charts/runner-set/values.yaml": """\
containers:
  - name: runner
    image: ghcr.io/acme/runner:2.311.0
    command: ["/home/runner/run.sh"]
""",
    "charts/runner-set/ci/sidecar-values.yaml": """\
containers:
  - name: runner
    image: ghcr.io/acme/runner:2.311.0
    command: ["/home/runner/run.sh"]
  - name: proxy
    image: ubuntu/squid:6.6-24.04_beta
    ports: [{containerPort: 3128}]
""",
    "charts/runner-set/tests/values_extra_containers.yaml": """\
containers:
  - name: runner
    image: runner-image:latest
    env:
      - name: SOME_ENV
        value: SOME_VALUE
  - name: other
    image: other-image:latest
    volumeMounts:
      - name: work
        mountPath: /work
""",
    "charts/runner-set/tests/template_test.go": "package tests\n",
}


def test_values_of_a_charts_own_tests_are_fixtures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    public = sorted({(r["reference"], r["file"]) for r in json.loads(out) if r["status"] == "public"})
    assert public == [
        ("ghcr.io/acme/runner:2.311.0", "charts/runner-set/ci/sidecar-values.yaml"),
        ("ghcr.io/acme/runner:2.311.0", "charts/runner-set/values.yaml"),
        ("ubuntu/squid:6.6-24.04_beta", "charts/runner-set/ci/sidecar-values.yaml"),
    ]
    assert "charts/runner-set/tests/values_extra_containers.yaml" in err  # counted as not read
