"""`ecr-mirror discover` lists the images a JVM testkit starts from Typesafe Config (HOCON) settings: a Testcontainers
source's `DockerImageName.parse(settings.brokerImage).withTag(settings.brokerImageTag)` whose members a source of the
tree binds to `config.getString("broker-image")`, the keys a `reference.conf` of that source's module gives (a
`${...}` substitution resolved); and a settings builder's `.withBrokerImageTag("5.0.0")` a test calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

REFERENCE = """\
# defaults of the testkit
acme.testkit.containers {
  # the images of the cluster
  zk-image = "acme/zookeeper"
  zk-image-tag = ${acme.testkit.containers.platform-version}
  broker-image = "acme/broker"
  broker-image-tag = ${acme.testkit.containers.platform-version}
  unused-image = "acme/unused"
  unused-image-tag = "1.0"
  platform-version = "7.1.0"
  num-brokers = 1
}
"""

SETTINGS = """\
package acme.testkit

import com.typesafe.config.Config

final class ContainerSettings private (val zkImage: String, val zkImageTag: String, val brokerImage: String,
    val brokerImageTag: String) {
  def withBrokerImageTag(brokerImageTag: String): ContainerSettings = copy(brokerImageTag = brokerImageTag)
  def withZkImageTag(zkImageTag: String): ContainerSettings = copy(zkImageTag = zkImageTag)
}

object ContainerSettings {
  def apply(config: Config): ContainerSettings = {
    val zkImage = config.getString("zk-image")
    val zkImageTag = config.getString("zk-image-tag")
    val brokerImage = config.getString("broker-image")
    val brokerImageTag = config.getString("broker-image-tag")
    val unusedImage = config.getString("unused-image")
    new ContainerSettings(zkImage, zkImageTag, brokerImage, brokerImageTag)
  }
}
"""

STARTER = """\
package acme.testkit.internal

import org.testcontainers.utility.DockerImageName

object Cluster {
  def start(settings: ContainerSettings): Unit = {
    val cluster = new ClusterContainer(
      DockerImageName.parse(settings.zkImage).withTag(settings.zkImageTag),
      DockerImageName.parse(settings.brokerImage).withTag(settings.brokerImageTag)
    )
    cluster.start()
  }
}
"""

SPEC = """\
package acme.tests

class OldBrokerSpec extends Spec {
  private val oldVersion = "5.0.0"
  val settings = ContainerSettings(system)
    .withBrokerImageTag(oldVersion)
    .withZkImageTag("5.0.1")
}
"""


def _tree() -> dict[str, str]:
    return {
        "testkit/src/main/resources/reference.conf": REFERENCE,
        "testkit/src/main/scala/acme/testkit/ContainerSettings.scala": SETTINGS,
        "testkit/src/main/scala/acme/testkit/internal/Cluster.scala": STARTER,
        "tests/src/test/scala/acme/tests/OldBrokerSpec.scala": SPEC,
    }


def test_images_of_typesafe_config_keys_a_testcontainers_source_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, _tree())
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["status"] != "unresolved"}
    conf = "testkit/src/main/resources/reference.conf"
    spec = "tests/src/test/scala/acme/tests/OldBrokerSpec.scala"
    assert rows == {
        (conf, 4, "acme/zookeeper:7.1.0", "public"),
        (conf, 6, "acme/broker:7.1.0", "public"),
        (spec, 6, "acme/broker:5.0.0", "public"),
        (spec, 7, "acme/zookeeper:5.0.1", "public"),
    }
    assert not [r for r in records if "acme/unused" in r["reference"]]


def test_a_key_no_testcontainers_source_starts_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree()
    tree["testkit/src/main/scala/acme/testkit/internal/Cluster.scala"] = STARTER.replace(
        "import org.testcontainers.utility.DockerImageName\n", ""
    ).replace("DockerImageName.parse", "ImageRef.parse")
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert not [r for r in records if r["reference"].startswith("acme/")]


def test_a_key_the_module_gives_two_values_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree()
    tree["testkit/src/main/resources/application.conf"] = 'acme.other {\n  broker-image = "acme/other-broker"\n}\n'
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert not [r for r in records if "broker" in r["reference"]]
    assert [r for r in records if r["reference"] == "acme/zookeeper:7.1.0"]
