"""`ecr-mirror discover` on a Java `DockerImageName.parse("repo").withTag(COND ? "a" : "b")`: the tag depends on
the machine the tests run on (the Docker host's architecture), so each branch's literal tag is a pull, listed at the
parse's line; a conditional with a branch that is no literal gives nothing, as any tag not known."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

ORACLE_BASE = """\
package org.acme.oracle;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.OracleContainer;
import org.testcontainers.utility.DockerImageName;

public abstract class OracleTestBase {

    public static final OracleContainer ORACLE =
            new OracleContainer(
                            DockerImageName.parse("acme/oracle-19.3.0-ee")
                                    .withTag(
                                            DockerClientFactory.instance()
                                                            .client()
                                                            .versionCmd()
                                                            .exec()
                                                            .getArch()
                                                            .equals("amd64")
                                                    ? "non-cdb"
                                                    : "arm-non-cdb"))
                    .withUsername("dbzuser");

    public static final OracleContainer OTHER =
            new OracleContainer(
                    DockerImageName.parse("acme/oracle-21-ee")
                            .withTag(System.getenv("CI") != null ? "slim" : localTag()));
}
"""


def test_each_literal_tag_of_a_conditional_is_a_pull(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"src/test/java/org/acme/oracle/OracleTestBase.java": ORACLE_BASE}
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("src/test/java/org/acme/oracle/OracleTestBase.java", 11, "acme/oracle-19.3.0-ee:arm-non-cdb", "public"),
        ("src/test/java/org/acme/oracle/OracleTestBase.java", 11, "acme/oracle-19.3.0-ee:non-cdb", "public"),
    ]
