"""`ecr-mirror discover` on Java sources using Testcontainers 1.x module classes whose one-string constructor takes a
version, not an image (`new KafkaContainer("5.5.1")` of `org.testcontainers.containers.KafkaContainer` starts
`confluentinc/cp-kafka:5.5.1`), and `TestcontainersConfiguration`'s image getters (`getPulsarImage()`, the
repository `apachepulsar/pulsar` unless testcontainers.properties says otherwise): the module's repository with the
version; the newer `org.testcontainers.kafka.KafkaContainer`, which takes an image, and another library's class
given a version stay as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

LEGACY = """\
package org.acme.streams;

import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.containers.PulsarContainer;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

class StreamsIT {

    KafkaContainer kafka(String unused) {
        String confluentVersion = "6.2.4";
        return new KafkaContainer(confluentVersion) {
            @Override
            public String getBootstrapServers() {
                return super.getBootstrapServers();
            }
        };
    }

    PulsarContainer pulsar() {
        DockerImageName image = DockerImageName.parse(TestcontainersConfiguration.getInstance().getPulsarImage())
                .withTag("2.8.0");
        return new PulsarContainer(image);
    }

    LocalStackContainer localstack() {
        return new LocalStackContainer("0.12.3");
    }
}
"""

CURRENT = """\
package org.acme.streams;

import com.adobe.testing.s3mock.testcontainers.S3MockContainer;
import org.testcontainers.kafka.KafkaContainer;

class CurrentIT {
    KafkaContainer kafka = new KafkaContainer("apache/kafka:3.8.0");
    S3MockContainer s3 = new S3MockContainer("2.2.3");
}
"""


def test_a_testcontainers_1_module_given_a_version_starts_its_own_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "src/test/java/org/acme/streams/StreamsIT.java": LEGACY,
        "src/test/java/org/acme/streams/CurrentIT.java": CURRENT,
    }
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("src/test/java/org/acme/streams/CurrentIT.java", 7, "apache/kafka:3.8.0", "public"),
        ("src/test/java/org/acme/streams/CurrentIT.java", 8, None, "unresolved"),
        ("src/test/java/org/acme/streams/StreamsIT.java", 12, "confluentinc/cp-kafka:6.2.4", "public"),
        ("src/test/java/org/acme/streams/StreamsIT.java", 22, "apachepulsar/pulsar:2.8.0", "public"),
        ("src/test/java/org/acme/streams/StreamsIT.java", 28, "localstack/localstack:0.12.3", "public"),
    ]
