"""Repositories of a mixed host whose owner documents them as pulled without a login (the MySQL Operator's
community images and Oracle Database Free on Oracle's registry) are listed; their neighbours in the same namespace
(MySQL's enterprise images, Oracle Database Enterprise Edition), Oracle's other namespaces and Redpanda's retired
`vectorized` namespace are not; `--public-registry HOST/NAMESPACE/REPOSITORY` names one repository, not its
siblings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: mysql-operator}
spec:
  template:
    spec:
      initContainers:
        - name: server
          image: container-registry.oracle.com/mysql/community-server:9.1.0
      containers:
        - name: operator
          image: container-registry.oracle.com/mysql/community-operator:9.1.0-2.2.2
        - name: router
          image: container-registry.oracle.com/mysql/community-router:9.1.0
        - name: enterprise
          image: container-registry.oracle.com/mysql/enterprise-server:9.1.0
        - name: lookalike
          image: container-registry.oracle.com/mysql/community-operator-tools:1
        - name: base
          image: container-registry.oracle.com/os/oraclelinux:9-slim
        - name: xe
          image: container-registry.oracle.com/database/express:21.3.0-xe
        - name: free
          image: container-registry.oracle.com/database/free:23.26.1.0
        - name: enterprise-db
          image: container-registry.oracle.com/database/enterprise:21.3.0.0
        - name: console
          image: docker.redpanda.com/vectorized/console:master-173596f
        - name: console-new
          image: docker.redpanda.com/redpandadata/console:v2.8.0
"""


def _records(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, tuple[str, str | None]]:
    (tmp_path / "operator.yaml").write_text(MANIFEST)
    assert main(["discover", str(tmp_path), "--json", *extra]) == 0
    return {r["reference"]: (r["status"], r.get("reason")) for r in json.loads(capsys.readouterr().out)}


def test_documented_community_repositories_are_listed_and_their_neighbours_are_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statuses = {ref: status for ref, (status, _) in _records(tmp_path, capsys).items()}
    assert statuses == {
        "container-registry.oracle.com/mysql/community-server:9.1.0": "public",
        "container-registry.oracle.com/mysql/community-operator:9.1.0-2.2.2": "public",
        "container-registry.oracle.com/mysql/community-router:9.1.0": "public",
        "container-registry.oracle.com/mysql/enterprise-server:9.1.0": "left-out",  # licence accepted after login
        "container-registry.oracle.com/mysql/community-operator-tools:1": "left-out",  # a whole repository only
        "container-registry.oracle.com/os/oraclelinux:9-slim": "left-out",
        "container-registry.oracle.com/database/express:21.3.0-xe": "left-out",
        "container-registry.oracle.com/database/free:23.26.1.0": "public",  # Oracle's quick start: a plain pull
        "container-registry.oracle.com/database/enterprise:21.3.0.0": "left-out",  # licence accepted after login
        "docker.redpanda.com/vectorized/console:master-173596f": "left-out",  # retired: pulls are denied
        "docker.redpanda.com/redpandadata/console:v2.8.0": "public",
    }


def test_a_left_out_image_names_the_repositories_known_to_be_public(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, capsys)
    assert records["container-registry.oracle.com/os/oraclelinux:9-slim"] == (
        "left-out",
        "container-registry.oracle.com is not a registry known to be public, only its repositories "
        "container-registry.oracle.com/database/free, container-registry.oracle.com/mysql/community-operator, "
        "container-registry.oracle.com/mysql/community-router, "
        "container-registry.oracle.com/mysql/community-server (--public-registry container-registry.oracle.com lists "
        "its images, --public-registry container-registry.oracle.com/NAMESPACE those of one namespace)",
    )


def test_public_registry_takes_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = ("--public-registry", "container-registry.oracle.com/os/oraclelinux")
    statuses = {ref: status for ref, (status, _) in _records(tmp_path, capsys, *extra).items()}
    assert statuses["container-registry.oracle.com/os/oraclelinux:9-slim"] == "public"
    assert statuses["container-registry.oracle.com/database/express:21.3.0-xe"] == "left-out"
