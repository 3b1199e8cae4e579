"""`ecr-mirror discover` on YAML that holds whole container specs but is no Kubernetes object: the sidecars of a
chart elsewhere's values (a file named as values files are, read as values: its image mappings too), and a kustomize
JSON patch adding a container to a workload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "deploy/pgpool-ha/values.yaml": """\
pgpool:
  replicaCount: 2
  sidecars:
    - name: metrics
      image: pgpool/pgpool2_exporter:1.2.2
      imagePullPolicy: IfNotPresent
      ports:
        - containerPort: 9719
    - name: local-debug
      image: acme/debug:dev
      imagePullPolicy: Never
      command: [sleep, infinity]
postgresql:
  image:
    repository: bitnami/postgresql-repmgr
    tag: 16.4.0
""",
    "components/sql-proxy/add-container.yaml": """\
- op: add
  path: /spec/template/spec/containers/-
  value:
    name: sql-proxy
    image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1
    args: ["--port=5432"]
    resources:
      requests: {cpu: 100m}
""",
    "components/sql-proxy/kustomization.yaml": """\
apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
  - path: add-container.yaml
    target: {kind: Deployment, name: api}
""",
    "chart/tests/deployment_test.yaml": """\
suite: deployment
templates:
  - deployment.yaml
tests:
  - it: renders an init container given in the values
    set:
      deployment:
        initContainers:
          - name: volume-permissions
            image: busybox:1.36
            command: [chmod, "-R", "777", /data]
    asserts:
      - equal: {path: "spec.template.spec.initContainers[0].image", value: busybox:1.36}
""",
    "bitbucket-pipelines.yml": (
        "pipelines:\n  default:\n    - step:\n        name: test\n        image: golang:1.23\n"
        "        script: [go test ./...]\n"
    ),
}


def test_container_specs_outside_kubernetes_objects_are_pulls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public") == [
        ("bitnami/postgresql-repmgr:16.4.0", "deploy/pgpool-ha/values.yaml", 15),  # read as values, by its name
        ("gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1", "components/sql-proxy/add-container.yaml", 5),
        ("golang:1.23", "bitbucket-pipelines.yml", 5),  # a Bitbucket Pipelines step's image: read by its own reader
        ("pgpool/pgpool2_exporter:1.2.2", "deploy/pgpool-ha/values.yaml", 5),
    ]
    assert {r["kind"] for r in records if r["file"] == "bitbucket-pipelines.yml"} == {"Bitbucket pipeline"}
    assert "were not read" in err and "bitbucket-pipelines.yml" not in err
    assert "chart/tests/deployment_test.yaml" in err  # a helm-unittest suite's values are rendered, never deployed
