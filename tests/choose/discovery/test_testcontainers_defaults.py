"""Testcontainers in Java: an image joined with `+` where it is given (`super(IMAGE + ":" + TAG)`), and a part that
is a call of a method of the same file taking no arguments, read as the literals its `return` statements give: the
default a test class falls back to when a system property does not override it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

OVERRIDABLE = """\
package org.example.search;

import org.testcontainers.containers.GenericContainer;

public class SearchContainer extends GenericContainer<SearchContainer> {
    private static final String DEFAULT_VERSION = "2.19.1";
    private static final String DEFAULT_IMAGE = "opensearchproject/opensearch";

    private static String imageVersion() {
        String property = System.getProperty("search.version");
        if (property != null) {
            return property;
        }
        return DEFAULT_VERSION;
    }

    private static String imageName() {
        String property = System.getProperty("search.image");
        if (property != null)
            return property;
        return DEFAULT_IMAGE;
    }

    public SearchContainer() {
        super(imageName() + ":" + imageVersion());
    }
}
"""

JOINED_CONSTANTS = """\
import org.testcontainers.containers.GenericContainer;

class CacheTest {
    static final String REPOSITORY = "valkey/valkey";
    static final String TAG = "8.1";

    GenericContainer<?> cache = new GenericContainer<>(REPOSITORY + ":" + TAG);
}
"""

UNKNOWN_PARTS = """\
import org.testcontainers.containers.GenericContainer;

public class QueueContainer extends GenericContainer<QueueContainer> {
    private static String version() {
        return System.getenv("QUEUE_VERSION");
    }

    private static String tagged(String version) {
        return "9.1";
    }

    public QueueContainer() {
        super("rabbitmq:" + version());
    }

    public QueueContainer(int port) {
        super("rabbitmq:" + tagged("x"));
    }
}
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, origin)]


def test_a_join_of_calls_to_methods_returning_defaults_given_to_super() -> None:
    # the property each method returns first is known only when the tests run; the default is in the file
    assert _images(OVERRIDABLE, "src/test/java/SearchContainer.java") == [("opensearchproject/opensearch:2.19.1", 25)]


def test_a_join_of_constants_given_to_a_container_constructor() -> None:
    assert _images(JOINED_CONSTANTS, "src/test/java/CacheTest.java") == [("valkey/valkey:8.1", 7)]


def test_a_method_returning_no_literal_or_taking_arguments_leaves_the_join_unknown() -> None:
    assert _images(UNKNOWN_PARTS, "src/test/java/QueueContainer.java") == []


ENVIRONMENT_DEFAULT_CONSTANT = """\
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

public class TestContainerConfig {
    private static final String DEFAULT_POSTGRES_IMAGE = "postgres:17.5";
    private static final String POSTGRES_IMAGE =
        System.getenv().getOrDefault("APP_POSTGRES_IMAGE", DEFAULT_POSTGRES_IMAGE);
    private static final String CACHE_IMAGE = System.getProperty("cache.image", DEFAULT_CACHE_IMAGE);
    public static final PostgreSQLContainer POSTGRES_CONTAINER =
        new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
    public static final GenericContainer<?> CACHE = new GenericContainer<>(DockerImageName.parse(CACHE_IMAGE));
}
"""


def test_an_environment_variable_with_a_constant_as_its_default_is_that_constant() -> None:
    # `System.getenv().getOrDefault("VAR", DEFAULT_IMAGE)`: the constant's literal, what the tests run with when the
    # variable is not set, at the literal's line; a default bound to no literal in the file
    # (`DEFAULT_CACHE_IMAGE`) leaves the image unresolved, naming the name the container is given
    found = started_images(ENVIRONMENT_DEFAULT_CONSTANT, "src/integrationTest/java/TestContainerConfig.java")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("postgres:17.5", 5, True),
        ("CACHE_IMAGE", 11, False),
    ]
