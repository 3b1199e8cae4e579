"""`ecr-mirror discover` on a Java container class of the tree whose constructor takes several strings and joins them
into its image (`ZooKeeperContainer(String repository, String tag) { super(repository + "/cp-zookeeper:" + tag); }`):
each `new ZooKeeperContainer(repository, tag)` of a source, its arguments literals or names the file binds to
literals (`String repository = "acme";`), starts the joined image, at the line of the first argument's literal (of the
name's binding, for a name); the first string alone (`acme`) is no image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

COORDINATOR = """\
package org.acme.platform;

import org.testcontainers.containers.GenericContainer;

public class CoordinatorContainer extends GenericContainer<CoordinatorContainer> {

    public CoordinatorContainer(String repository, String tag) {
        super(repository + "/coordinator:" + tag);
        withExposedPorts(2181);
    }
}
"""

BROKER = """\
package org.acme.platform;

import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

public class BrokerContainer extends KafkaContainer {

    public BrokerContainer(String repository, String tag) {
        super(DockerImageName.parse(repository + "/broker-server:" + tag).asCompatibleSubstituteFor("apache/kafka"));
    }
}
"""

FACTORY = """\
package org.acme.platform;

import org.testcontainers.containers.Network;

public class PlatformFactory {

    String repository = "acme";

    String tag = "7.8.0";

    public BrokerContainer createBroker() {
        return new BrokerContainer(repository, tag);
    }

    public CoordinatorContainer createCoordinator() {
        return new CoordinatorContainer(repository, "3.9.2").withNetwork(Network.newNetwork());
    }
}
"""


def test_a_constructor_joining_several_strings_takes_each_call_s_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "src/main/java/org/acme/platform/CoordinatorContainer.java": COORDINATOR,
        "src/main/java/org/acme/platform/BrokerContainer.java": BROKER,
        "src/main/java/org/acme/platform/PlatformFactory.java": FACTORY,
    }
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("src/main/java/org/acme/platform/PlatformFactory.java", 7, "acme/broker-server:7.8.0"),
        ("src/main/java/org/acme/platform/PlatformFactory.java", 7, "acme/coordinator:3.9.2"),
    ]
