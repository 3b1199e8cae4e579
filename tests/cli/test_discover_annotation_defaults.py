"""A JUnit 5 composed annotation of the tree (an annotation type meta-annotated `@ExtendWith(...)`) with an image
element: its default is the image the extension starts for a test class annotated without it, and each use giving
the element a literal names an image too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAIN = "cache/src/main/java/org/acme/cache/"
TEST = "cache/src/test/java/org/acme/cache/"
TREE = {
    MAIN + "TestcontainersCache.java": (
        "package org.acme.cache;\n\n"
        "import java.lang.annotation.*;\n"
        "import org.junit.jupiter.api.extension.ExtendWith;\n\n"
        "/** Starts a cache container per test class. */\n"
        "@ExtendWith(CacheExtension.class)\n"
        "@Documented\n"
        "@Target({ ElementType.TYPE })\n"
        "@Retention(RetentionPolicy.RUNTIME)\n"
        "public @interface TestcontainersCache {\n\n"
        '    /** @return image, like "valkey/valkey:7.2" */\n'
        '    String image() default "valkey/valkey:8.0-alpine";\n\n'
        '    String pullPolicy() default "always";\n\n'
        "    Mode mode() default Mode.PER_CLASS;\n"
        "}\n"
    ),
    MAIN + "CacheExtension.java": (
        "package org.acme.cache;\n\n"
        "import org.testcontainers.containers.GenericContainer;\n"
        "import org.testcontainers.utility.DockerImageName;\n\n"
        "final class CacheExtension extends AbstractExtension<CacheMetadata> {\n"
        "    GenericContainer<?> create(CacheMetadata metadata) {\n"
        "        return new GenericContainer<>(DockerImageName.parse(metadata.image()));\n"
        "    }\n"
        "}\n"
    ),
    MAIN + "Topic.java": (
        "package org.acme.cache;\n\n"
        "@Retention(RetentionPolicy.RUNTIME)\n"
        "public @interface Topic {\n"
        '    String image() default "not/pulled:1.0";\n'
        "}\n"
    ),
    TEST + "CacheDefaultTests.java": "package org.acme.cache;\n\n@TestcontainersCache\nclass CacheDefaultTests {}\n",
    TEST + "CacheOldTests.java": (
        "package org.acme.cache;\n\n"
        "@TestcontainersCache(mode = Mode.PER_RUN,\n"
        '        image = "redis:7.0-alpine",\n'
        '        migration = @Migration(engine = Migration.Engines.SCRIPT, locations = {"db/init.txt"}))\n'
        "class CacheOldTests {}\n"
    ),
    "queue/src/main/kotlin/org/acme/queue/TestcontainersQueue.kt": (
        "package org.acme.queue\n\n"
        "@ExtendWith(QueueExtension::class)\n"
        "@Target(AnnotationTarget.CLASS)\n"
        "annotation class TestcontainersQueue(\n"
        '    val dockerImage: String = "nats:2.10-alpine",\n'
        '    val alias: String = "queue",\n'
        ")\n"
    ),
}


def test_the_default_and_the_uses_of_a_composed_annotations_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["reference"], r["file"], r["line"], r["use"]) for r in records} == {
        ("valkey/valkey:8.0-alpine", MAIN + "TestcontainersCache.java", 14, "default of @TestcontainersCache(image)"),
        ("redis:7.0-alpine", TEST + "CacheOldTests.java", 4, "annotation @TestcontainersCache(image)"),
        (
            "nats:2.10-alpine",
            "queue/src/main/kotlin/org/acme/queue/TestcontainersQueue.kt",
            6,
            "default of @TestcontainersQueue(dockerImage)",
        ),
    }


def test_no_default_is_read_in_a_tree_without_testcontainers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {path: text for path, text in TREE.items() if not path.endswith("CacheExtension.java")}
    write_tree(tmp_path, tree)
    assert discover_records(tmp_path, monkeypatch, capsys) == []
