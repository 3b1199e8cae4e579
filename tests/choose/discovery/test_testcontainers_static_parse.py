"""Testcontainers in Java and Kotlin: `parse("...")` called bare, `DockerImageName.parse` being statically imported."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

JAVA = """\
package org.example.queue;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import static org.testcontainers.utility.DockerImageName.parse;

class BrokerExtension {
  static final class BrokerContainer extends GenericContainer<BrokerContainer> {
    BrokerContainer() {
      super(parse("ghcr.io/example/broker:2.4.1"));
      waitingFor(Wait.forHealthcheck());
    }
  }

  GenericContainer<?> load =
    new GenericContainer<>(parse("quay.io/example/loadgen:stable"))
      .withCommand("run");

  GenericContainer<?> cache = new GenericContainer<>(parse("valkey/valkey").withTag("8.1"));
}
"""

KOTLIN = """\
package org.example

import org.testcontainers.containers.GenericContainer
import org.testcontainers.utility.DockerImageName.parse

val broker = GenericContainer(parse("nats:2.10"))
"""

UNRELATED_PARSE = """\
package org.example;

import org.testcontainers.containers.PostgreSQLContainer;
import static java.lang.Integer.parseInt;

class Settings {
  int port = parse("5432");
  Config config = Config.parse("mode:fast");
}
"""


def test_a_bare_parse_call_is_read_when_the_file_imports_dockerimagename_parse_statically() -> None:
    found = started_images(JAVA, "src/test/java/BrokerExtension.java")
    assert [(item.text, item.line) for item in found] == [
        ("ghcr.io/example/broker:2.4.1", 11),
        ("quay.io/example/loadgen:stable", 17),
        ("valkey/valkey:8.1", 20),
    ]


def test_kotlin_imports_the_function_without_static() -> None:
    found = started_images(KOTLIN, "src/test/kotlin/Broker.kt")
    assert [(item.text, item.line) for item in found] == [("nats:2.10", 6)]


def test_a_bare_parse_call_is_not_read_without_the_static_import_of_dockerimagename_parse() -> None:
    assert started_images(UNRELATED_PARSE, "src/main/java/Settings.java") == []
