"""`ecr-mirror discover` on Java tests that start their containers through a method of their base class, which
hands its string parameter to a container's constructor (redisson's `RedisDockerTest.createContainerByImage(String
imageName, String... params)` with `new GenericContainer<>(imageName)`, called as `createContainerByImage("redis:6.2")`
in the tests that extend it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

BASE = """\
package org.acme;

import org.testcontainers.containers.GenericContainer;

public class CacheDockerTest {

    protected static final String IMAGE = "redis:8.10";

    protected static GenericContainer<?> createContainerByImage(String imageName, String... params) {
        return new GenericContainer<>(imageName)
                .withExposedPorts(6379);
    }

    protected static GenericContainer<?> createContainer(String... params) {
        return createContainerByImage(IMAGE, params);
    }

    protected static String describe(String imageName) {
        return "image " + imageName;
    }
}
"""

SHARDED = """\
package org.acme;

import org.testcontainers.containers.GenericContainer;

public class ShardedTopicTest extends CacheDockerTest {

    private static final String OLD = "redis:7.0";

    @Test
    public void testOldServer() {
        GenericContainer<?> redis = createContainerByImage("redis:6.2");
        GenericContainer<?> older = createContainerByImage(OLD, "--appendonly", "yes");
//        GenericContainer<?> bundle = createContainerByImage("valkey/valkey-bundle:latest");
        String text = describe("not/an-image:1");
    }
}
"""

UNRELATED = """\
package org.other;

import org.testcontainers.containers.GenericContainer;

public class UnrelatedTest {
    void run() {
        createContainerByImage("example/unrelated:1");
    }
}
"""


def test_images_tests_hand_a_base_class_method_that_starts_a_container(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "src/test/java/org/acme/CacheDockerTest.java": BASE,
            "src/test/java/org/acme/ShardedTopicTest.java": SHARDED,
            "src/test/java/org/other/UnrelatedTest.java": UNRELATED,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    listed = {(r["file"].rsplit("/", 1)[-1], r["line"], r["reference"]) for r in json.loads(out)}
    assert listed == {
        ("CacheDockerTest.java", 7, "redis:8.10"),
        ("ShardedTopicTest.java", 11, "redis:6.2"),
        ("ShardedTopicTest.java", 7, "redis:7.0"),
    }


UTILS = """\
package org.acme.flink;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

class FlinkContainerUtils {

  private static final String KAFKA_IMAGE = "confluentinc/cp-kafka:7.6.0";
  private static final String ZOOKEEPER_IMAGE = "confluentinc/cp-zookeeper:7.6.0";

  static GenericContainer<?> makeKafka(Network network) {
    return genericContainer(network, KAFKA_IMAGE, "kafka-host")
        .withEnv("KAFKA_BROKER_ID", "1");
  }

  static GenericContainer<?> makeZookeeper(Network network) {
    return genericContainer(
        network,
        ZOOKEEPER_IMAGE,
        "zookeeper");
  }

  static GenericContainer<?> makeCassandra(Network network) {
    return genericContainer(network, "cassandra:3.11.16", "cassandra-server");
  }

  static GenericContainer<?> genericContainer(Network network, String image, String hostname) {
    return new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases(hostname);
  }
}
"""


def test_a_helper_taking_the_image_after_other_parameters_is_read_at_that_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"src/test/java/org/acme/flink/FlinkContainerUtils.java": UTILS})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert sorted((r["reference"], r["line"]) for r in records) == [
        ("cassandra:3.11.16", 25),
        ("confluentinc/cp-kafka:7.6.0", 9),
        ("confluentinc/cp-zookeeper:7.6.0", 10),
    ]
