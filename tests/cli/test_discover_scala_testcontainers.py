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


WORKFLOW = """\
name: integration
on: [push]
jobs:
  zookeeper-it:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        zookeeper: ["3.8", "3.9"]
    steps:
      - uses: actions/checkout@v4
      - name: zookeeper integration tests
        run: |
          export LEDGER_IT_ZK_VERSION=${{ matrix.zookeeper }}
          ./build/mvn -pl ledger test
  sbt-it:
    runs-on: ubuntu-24.04
    steps:
      - run: sbt test
        env:
          LEDGER_IT_ZK_VERSION: "3.7"
  lint:
    runs-on: ubuntu-24.04
    env:
      LEDGER_IT_ZK_VERSION: "3.5"
    steps:
      - run: ./scripts/lint.sh
  package:
    runs-on: ubuntu-24.04
    steps:
      - run: |
          ./build/mvn -pl ledger package
          export LEDGER_IT_ZK_VERSION=3.6
"""


def test_a_workflow_gives_the_environment_variable_a_scala_source_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The values a workflow step running a JVM build (`mvn`, `gradle`, `sbt`) gives the environment variable a
    Scala Testcontainers source reads with a default, by `export` before the build or by `env:`, over the job's
    matrix; a step without a build (the lint job's `env:`), or an `export` after the build, gives none."""
    write_tree(tmp_path, {**TREE, ".github/workflows/integration.yml": WORKFLOW})
    zk = "ledger/src/test/scala/com/example/coordination/DockerizedZkSuite.scala"
    records = [
        (r["line"], r["use"], r["reference"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["file"] == zk
    ]
    assert records == [
        (8, "testcontainers", "zookeeper:3.8"),
        (8, "testcontainers (LEDGER_IT_ZK_VERSION of .github/workflows/integration.yml:13)", "zookeeper:3.9"),
        (8, "testcontainers (LEDGER_IT_ZK_VERSION of .github/workflows/integration.yml:20)", "zookeeper:3.7"),
    ]
