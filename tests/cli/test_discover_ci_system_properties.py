"""`ecr-mirror discover` lists the images a workflow gives a JVM test suite as a system property (`-Dname=value` in a
step's command or its env, `MAVEN_ARGS`, over the job's matrix) that a Testcontainers source reads with a default
(`System.getProperty("name", "default")`): the suite starts that image instead of the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

JAVA = """\
package org.acme.store.oracle;

import org.testcontainers.oracle.OracleContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
class StoreOracleTest {
    static final String ORACLE_IMAGE = System.getProperty("store.test.oracle-image", "gvenzl/oracle-free:23-slim");
    static final String SCHEMA = System.getProperty("store.test.schema", "app:v1");

    @Container
    static OracleContainer db = new OracleContainer(ORACLE_IMAGE);
}
"""

WORKFLOW = """\
name: slow tests
on: [push]
jobs:
  oracle:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        image: [ 'gvenzl/oracle-free:23-full', 'gvenzl/oracle-free:23.6-slim' ]
    steps:
      - uses: actions/checkout@v4
      - name: run tests
        env:
          MAVEN_ARGS: "-B -pl :store-oracle -Dstore.test.oracle-image=${{ matrix.image }} -Dstore.test.schema=x:y"
        run: make slow-tests
      - run: ./mvnw -B verify -Dstore.test.oracle-image=gvenzl/oracle-xe:21-slim
"""


def test_a_system_property_a_workflow_gives_the_tests_is_the_image_they_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "oracle/src/test/java/org/acme/store/oracle/StoreOracleTest.java": JAVA,
            ".github/workflows/slow-tests.yml": WORKFLOW,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [
        "gvenzl/oracle-free:23-full",
        "gvenzl/oracle-free:23-slim",
        "gvenzl/oracle-free:23.6-slim",
        "gvenzl/oracle-xe:21-slim",
    ]
