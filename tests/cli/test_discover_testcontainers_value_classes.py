"""`ecr-mirror discover` on a Java Testcontainers source that starts a container from a field of a small value
class of the same file (`new GenericContainer<>(props.image)`, `props` a `DbProps` whose constructor sets
`this.image = image`, or a record's component `spec.image()`): each `new DbProps(...)` of the file giving a literal
in that parameter's place is an image, at its line; a field no container is given, and a class of another name,
give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

STATEMENT_TEST = """\
package org.acme.r2dbc;

import org.testcontainers.containers.GenericContainer;

public abstract class AbstractStatementTest {

  private static final DbProps POSTGRES =
      new DbProps("postgresql", "postgres:9.6.8", 5432);

  private static final DbProps MYSQL =
      new DbProps("mysql", "mysql:8.0.32", 3306);

  private static final Label LABEL = new Label("quay.io/acme/label:1.0", "x");

  private static GenericContainer<?> container;

  void startContainer(DbProps props) {
    container = new GenericContainer<>(props.image).withExposedPorts(props.port);
    container.start();
  }

  void startOther(Spec spec) {
    new GenericContainer<>(spec.image()).start();
  }

  static final Spec CACHE = new Spec("redis:7.2", 6379);

  private static class DbProps {
    private final String system;
    private final String image;
    private final int port;

    private DbProps(String system, String image, int port) {
      this.system = system;
      this.image = image;
      this.port = port;
    }
  }

  record Spec(String image, int port) {}

  private static class Label {
    private final String image;

    Label(String image, String name) {
      this.image = image;
    }
  }
}
"""


def test_a_value_class_field_given_to_a_container_is_each_constructor_literal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"r2dbc/src/main/java/org/acme/r2dbc/AbstractStatementTest.java": STATEMENT_TEST}
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("r2dbc/src/main/java/org/acme/r2dbc/AbstractStatementTest.java", 8, "postgres:9.6.8", "public"),
        ("r2dbc/src/main/java/org/acme/r2dbc/AbstractStatementTest.java", 11, "mysql:8.0.32", "public"),
        ("r2dbc/src/main/java/org/acme/r2dbc/AbstractStatementTest.java", 26, "redis:7.2", "public"),
    ]
