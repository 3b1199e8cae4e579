"""`ecr-mirror discover` lists the images Scala tests start with Testcontainers: testcontainers-scala's containers
and their `Def`s (`GenericContainer(dockerImage = ...)`, `KafkaContainer.Def(s"apache/kafka:$version")`), the Java
library's `DockerImageName.parse(...)`, names bound with Scala's modifiers, `s"..."` interpolations and the defaults
of environment variables; a Scala file that imports no Testcontainers is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

LEDGER = """\
package com.example.ledger

import com.dimafeng.testcontainers.{ForAllTestContainer, GenericContainer, KafkaContainer, PostgreSQLContainer}
import org.testcontainers.utility.DockerImageName

trait WithLedgerContainers extends ForAllTestContainer {
  private val cacheImage = "valkey/valkey:8.0-alpine"
  final val PG_MAJOR = 16
  private val cachePort = 6379

  val postgres: PostgreSQLContainer = PostgreSQLContainer.Def(
    dockerImageName = DockerImageName.parse(s"postgres:$PG_MAJOR"),
    databaseName = "ledger").createContainer()

  val cache = GenericContainer(dockerImage = cacheImage, exposedPorts = Seq(cachePort))

  val search: GenericContainer.Def[GenericContainer] = GenericContainer.Def(
    exposedPorts = Seq(9200),
    dockerImage = "opensearchproject/opensearch:2.11.0")

  protected val kafkaVersion: String
  override lazy val containerDef: KafkaContainer.Def = KafkaContainer.Def(s"apache/kafka:${kafkaVersion}")

  // GenericContainer("commented/out:1")
  val settings = s"jdbc:postgresql://${postgres.host}:$cachePort"
}

class LedgerKafka3Suite extends WithLedgerContainers {
  override val kafkaVersion = "3.8.1"
}

class PortContainer(exposedPort: Int, dockerImage: String) extends FixedHostPortGenericContainer(dockerImage)

object PortContainer {
  def make(): PortContainer = new PortContainer(cachePort, "busybox")
}
"""

COORDINATION = """\
package com.example.coordination

import com.dimafeng.testcontainers.GenericContainer
import org.testcontainers.containers.wait.strategy.Wait

class DockerizedZkSuite extends ZkSuite {
  private val zkVersion = sys.env.getOrElse("LEDGER_IT_ZK_VERSION", "3.8")
  private val zkImage = sys.env.getOrElse("LEDGER_IT_ZK_IMAGE", s"zookeeper:$zkVersion")

  val container = GenericContainer(dockerImage = zkImage, exposedPorts = Seq(2181))
}
"""

TREE = {
    "ledger/src/test/scala/com/example/ledger/WithLedgerContainers.scala": LEDGER,
    "ledger/src/test/scala/com/example/coordination/DockerizedZkSuite.scala": COORDINATION,
    # Scala that imports no Testcontainers: a class of its own named like a container is not read
    "ledger/src/main/scala/com/example/ledger/Fakes.scala": 'val fake = FakeContainer("not/pulled:1")\n',
}


def test_scala_testcontainers_images_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = [
        (r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    ledger = "ledger/src/test/scala/com/example/ledger/WithLedgerContainers.scala"
    zk = "ledger/src/test/scala/com/example/coordination/DockerizedZkSuite.scala"
    assert records == [
        (zk, 8, "Scala source", "testcontainers", "zookeeper:3.8", "public"),
        (ledger, 7, "Scala source", "testcontainers", "valkey/valkey:8.0-alpine", "public"),
        (ledger, 12, "Scala source", "testcontainers", "postgres:16", "public"),
        (ledger, 19, "Scala source", "testcontainers", "opensearchproject/opensearch:2.11.0", "public"),
        (ledger, 22, "Scala source", "testcontainers", "apache/kafka:3.8.1", "public"),
    ]
