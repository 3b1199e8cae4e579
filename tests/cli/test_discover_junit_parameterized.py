"""`ecr-mirror discover` on JUnit 5 parameterized tests that start a Testcontainers container from their parameters
(https://junit.org/junit5/docs/current/user-guide/#writing-tests-parameterized-tests): the image given to the
container is evaluated once per row of the test's `@ValueSource`, `@CsvSource` or `@MethodSource`, the parameter
bound to that row's value (a join, `String.format`, or the parameter itself); a parameter a test only asserts on, and
a same-named parameter of a method that is not parameterized, give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

SERVER_TEST = """\
package org.acme.jmx;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;

class ServerTest {

  @ParameterizedTest(name = "server:{arguments}")
  @ValueSource(ints = {9, 12})
  void collects(int major) {
    GenericContainer<?> target =
        new GenericContainer<>("acme/server:" + major)
            .withExposedPorts(8080);
    target.start();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // the oldest still supported
        "acme/legacy:10.1.0.Final",
        "quay.io/acme/legacy:36.0.1-jdk21"
      })
  void legacy(String image) {
    try (GenericContainer<?> target = new GenericContainer<>(image)) {
      target.start();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"not/started:1.0"})
  void nameOnly(String image) {
    assertEquals("not/started:1.0", image);
  }

  void helper(int major) {
    new GenericContainer<>("acme/helper:" + major).start();
  }
}
"""

DB_TEST = """\
package org.acme.db;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

class DbTest {

  @ParameterizedTest
  @CsvSource({"postgres, 16", "mysql, 8.4"})
  void rows(String db, String version) {
    new GenericContainer<>(DockerImageName.parse(String.format("%s:%s", db, version))).start();
  }

  static Stream<Arguments> images() {
    return Stream.of(Arguments.of("redis", "7.2"), Arguments.of("valkey/valkey", "8.0"));
  }

  @ParameterizedTest
  @MethodSource("images")
  void cache(String repository, String tag) {
    String image = repository + ":" + tag;
    new GenericContainer<>(image).start();
  }
}
"""


def test_parameterized_tests_give_their_rows_to_the_container(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "jmx/src/test/java/org/acme/jmx/ServerTest.java": SERVER_TEST,
        "db/src/test/java/org/acme/db/DbTest.java": DB_TEST,
    }
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("db/src/test/java/org/acme/db/DbTest.java", 16, "mysql:8.4", "public"),
        ("db/src/test/java/org/acme/db/DbTest.java", 16, "postgres:16", "public"),
        ("db/src/test/java/org/acme/db/DbTest.java", 26, "redis:7.2", "public"),
        ("db/src/test/java/org/acme/db/DbTest.java", 26, "valkey/valkey:8.0", "public"),
        ("jmx/src/test/java/org/acme/jmx/ServerTest.java", 13, "acme/server:12", "public"),
        ("jmx/src/test/java/org/acme/jmx/ServerTest.java", 13, "acme/server:9", "public"),
        ("jmx/src/test/java/org/acme/jmx/ServerTest.java", 22, "acme/legacy:10.1.0.Final", "public"),
        ("jmx/src/test/java/org/acme/jmx/ServerTest.java", 23, "quay.io/acme/legacy:36.0.1-jdk21", "public"),
    ]
