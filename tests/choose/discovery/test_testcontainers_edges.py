"""Testcontainers images at their edges: a Java file starting with a blank line that imports `parse` statically, uses a
method call written with a blank between its parentheses, constructors and `parse(NAME)` together, and container
subclasses both calling `super("...")` and delegating `this("...")` to it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

JAVA = """\

import static org.testcontainers.utility.DockerImageName.parse;
import org.testcontainers.containers.GenericContainer;

class ImagesTest {
    static final String KAFKA = "confluentinc/cp-kafka:7.6.0";

    static String imageName() {
        return "redis:7";
    }

    GenericContainer<?> redis = new GenericContainer<>(imageName( ));
    GenericContainer<?> pg = new GenericContainer<>("postgres:16");
    GenericContainer<?> kafka = new GenericContainer<>(parse(KAFKA));
}

class CacheContainer extends GenericContainer<CacheContainer> {
    CacheContainer() {
        this("memcached:1.6");
    }

    CacheContainer(String image) {
        super(image);
    }
}

class ProxyContainer extends GenericContainer<ProxyContainer> {
    ProxyContainer() {
        super("nginx:1.27");
    }
}
"""


def test_images_of_a_java_test_at_their_lines() -> None:
    found = started_images(JAVA, "src/test/java/ImagesTest.java")
    assert [(item.text, item.line, item.use, item.kind) for item in found] == [
        ("confluentinc/cp-kafka:7.6.0", 6, "testcontainers", "Java source"),
        ("redis:7", 9, "testcontainers", "Java source"),
        ("postgres:16", 13, "testcontainers", "Java source"),
        ("memcached:1.6", 19, "testcontainers", "Java source"),
        ("nginx:1.27", 29, "testcontainers", "Java source"),
    ]
