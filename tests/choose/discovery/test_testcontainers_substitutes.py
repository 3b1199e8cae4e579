"""Testcontainers' `asCompatibleSubstituteFor(...)`: the image given there is the one the module's container class
checks the real image against, not one that is pulled."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

JAVA = """\
package org.example.cache;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

class CacheExtension {
    GenericContainer<?> create(String configured) {
        var image = DockerImageName.parse(configured)
                .asCompatibleSubstituteFor(DockerImageName.parse("redis"));
        var broker = DockerImageName.parse("ghcr.io/example/broker:3.1")
                .asCompatibleSubstituteFor(
                        DockerImageName.parse("confluentinc/cp-kafka"))
                .asCompatibleSubstituteFor(DockerImageName.parse("apache/kafka-native"));
        return new GenericContainer<>(image);
    }
}
"""

KOTLIN = """\
import org.testcontainers.utility.DockerImageName

val image = DockerImageName.parse("quay.io/example/pg:16").asCompatibleSubstituteFor(DockerImageName.parse("postgres"))
"""


def test_a_substitute_for_names_no_pull() -> None:
    found = started_images(JAVA, "src/main/java/org/example/cache/CacheExtension.java")
    assert [(f.text, f.line) for f in found] == [("ghcr.io/example/broker:3.1", 10)]


def test_a_substitute_for_in_kotlin() -> None:
    found = started_images(KOTLIN, "src/test/kotlin/Pg.kt")
    assert [f.text for f in found] == ["quay.io/example/pg:16"]
