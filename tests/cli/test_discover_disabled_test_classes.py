"""A JVM test class disabled as a whole (JUnit Jupiter's `@Disabled`, JUnit 4's `@Ignore`, on the class) runs none
of its tests (https://junit.org/junit5/docs/current/user-guide/#writing-tests-disabling), so the containers it starts
are never pulled. A class whose tests are disabled one by one, or only under a condition
(`@DisabledIfEnvironmentVariable`, `@DisabledOnOs`), runs somewhere: read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

JUPITER = """\
package com.example.mongo;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
@Disabled("the image moved")
class ShardedMongoTest {

    @Container
    static GenericContainer<?> mongo = new GenericContainer<>("bitnami/mongodb-sharded:8.0.3");

    @Test
    void connects() {
    }
}
"""

KOTLIN = """\
package com.example.kafka

import org.junit.jupiter.api.*
import org.testcontainers.containers.GenericContainer
import org.testcontainers.junit.jupiter.Container

@Disabled
internal class LocalKafkaTest {
    companion object {
        @Container
        val kafka = GenericContainer("confluentinc/confluent-local:7.4.1")
    }

    @Test
    fun consumes() {}
}
"""

JUNIT4 = """\
package com.example.legacy;

import org.junit.Ignore;
import org.junit.Rule;
import org.junit.Test;
import org.testcontainers.containers.GenericContainer;

/* @Ignore in a comment is no annotation: the class below is ignored by the real one */
@Ignore
public class LegacyTest {
    @Rule
    public GenericContainer<?> redis = new GenericContainer<>("redis:5");

    @Test
    public void pings() {}
}
"""

METHOD_DISABLED = """\
package com.example.pg;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.PostgreSQLContainer;

class PostgresTest {
    static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:16-alpine");

    @Disabled
    @Test
    void slow() {}

    @Test
    void fast() {}
}
"""

CONDITIONAL = """\
package com.example.azure;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.testcontainers.containers.GenericContainer;

@DisabledIfEnvironmentVariable(named = "GITHUB_ACTIONS", matches = "true")
class EmulatorTest {
    static GenericContainer<?> azurite = new GenericContainer<>("mcr.microsoft.com/azure-storage/azurite:3.33.0");
}
"""

OTHER_DISABLED = """\
package com.example.own;

import com.example.annotations.Disabled;
import org.testcontainers.containers.GenericContainer;

@Disabled
class OwnAnnotationTest {
    static GenericContainer<?> nginx = new GenericContainer<>("nginx:1.27");
}
"""

TWO_CLASSES = """\
package com.example.two;

import org.junit.jupiter.api.Disabled;
import org.testcontainers.containers.GenericContainer;

@Disabled
class FirstTest {
    static GenericContainer<?> a = new GenericContainer<>("alpine:3.20");
}

class SecondTest {
    static GenericContainer<?> b = new GenericContainer<>("busybox:1.36");
}
"""


def test_a_disabled_test_class_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "src/test/java/com/example/mongo/ShardedMongoTest.java": JUPITER,
            "src/test/kotlin/com/example/kafka/LocalKafkaTest.kt": KOTLIN,
            "src/test/java/com/example/legacy/LegacyTest.java": JUNIT4,
            "src/test/java/com/example/pg/PostgresTest.java": METHOD_DISABLED,
            "src/test/java/com/example/azure/EmulatorTest.java": CONDITIONAL,
            "src/test/java/com/example/own/OwnAnnotationTest.java": OTHER_DISABLED,
            "src/test/java/com/example/two/FirstTest.java": TWO_CLASSES,
        },
    )
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert not found & {"bitnami/mongodb-sharded:8.0.3", "confluentinc/confluent-local:7.4.1", "redis:5"}
    assert {
        "postgres:16-alpine",
        "mcr.microsoft.com/azure-storage/azurite:3.33.0",
        "nginx:1.27",
        "alpine:3.20",
        "busybox:1.36",
    } <= found


ABSTRACT_BASE = """\
package com.example.db;

import org.junit.jupiter.api.Disabled;
import org.testcontainers.containers.PostgreSQLContainer;

@Disabled("a base class, not a test")
public abstract class AbstractDatabaseTest {

    static final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16.4");

    static {
        postgres.start();
    }
}
"""

SUBCLASS = """\
package com.example.db;

import org.junit.jupiter.api.Test;

class OrderRepositoryTest extends AbstractDatabaseTest {

    @Test
    void saves() {
    }
}
"""


def test_a_disabled_abstract_base_class_still_starts_its_subclasses_containers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `@Disabled` is not inherited: the subclass runs, and starts the base class's container
    write_tree(
        tmp_path,
        {
            "src/test/java/com/example/db/AbstractDatabaseTest.java": ABSTRACT_BASE,
            "src/test/java/com/example/db/OrderRepositoryTest.java": SUBCLASS,
        },
    )
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert "postgres:16.4" in found


DISABLED_HOLDER = """\
package com.example.kafka;

import org.junit.jupiter.api.Disabled;
import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

@Disabled("the broker upgrade broke it")
public class LegacyKafkaTest {

    public static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("confluentinc/cp-kafka:7.6.1");

    static KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("confluentinc/cp-kafka:5.4.3"));
}
"""

USING_HOLDER = """\
package com.example.kafka;

import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.junit.jupiter.Container;

class OrdersKafkaTest {

    @Container
    static KafkaContainer kafka = new KafkaContainer(LegacyKafkaTest.KAFKA_IMAGE);
}
"""

DISABLED_BASE = """\
package com.example.flink;

import org.junit.jupiter.api.Disabled;
import org.testcontainers.containers.GenericContainer;

@Disabled("run through its engine subclasses")
public class FlinkEngineTest {

    protected String getDockerImage() {
        return "flink:1.15";
    }

    void starts() {
        final String dockerImage = getDockerImage();
        GenericContainer<?> jobManager = new GenericContainer<>(dockerImage);
    }
}
"""

ENGINE = """\
package com.example.flink;

public class Flink18EngineTest extends FlinkEngineTest {

    @Override
    protected String getDockerImage() {
        return "flink:1.18.1-scala_2.12";
    }
}
"""


def test_a_disabled_classs_constants_and_methods_still_serve_the_classes_that_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the disabled class's own containers are not started, but a constant it holds is, where a running class uses
    # it, and so is the override of its image method in a subclass (`@Disabled` is not inherited)
    write_tree(
        tmp_path,
        {
            "src/test/java/com/example/kafka/LegacyKafkaTest.java": DISABLED_HOLDER,
            "src/test/java/com/example/kafka/OrdersKafkaTest.java": USING_HOLDER,
            "src/test/java/com/example/flink/FlinkEngineTest.java": DISABLED_BASE,
            "src/test/java/com/example/flink/Flink18EngineTest.java": ENGINE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    found = {record["reference"] for record in records}
    assert {"confluentinc/cp-kafka:7.6.1", "flink:1.18.1-scala_2.12"} <= found
    assert not found & {"confluentinc/cp-kafka:5.4.3", "flink:1.15"}
    assert not any("LegacyKafkaTest" in str(record) or "FlinkEngineTest.java" in str(record) for record in records)
