"""`ecr-mirror discover` on Java Testcontainers sources whose image is a constant of another class of the tree that
is itself joined from constants (`public static final String CACHE_IMAGE = "ghcr.io/acme/cache:" + CACHE_VERSION;`,
a constant expression Java inlines, JLS 15.29), and on sources reaching such a constant through a static import
(`import static org.acme.Images.QUEUE_IMAGE;`, then `parse(QUEUE_IMAGE)` bare). A constant joined with a call
(`System.getProperty(...)`) is no constant; a name the source declares itself is its own, not the import's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

IMAGES = """\
package org.acme;

/** The container images the integration tests start. */
public class Images {

    private static final String CACHE_VERSION = "7.4.1";
    private static final String QUEUE_VERSION = "v2.3";

    public static final String CACHE_IMAGE = "ghcr.io/acme/cache:" + CACHE_VERSION;
    public static final String QUEUE_IMAGE = "quay.io/acme/queue:"
            + QUEUE_VERSION;
    public static final String COORDINATOR_IMAGE = "acme/coordinator:1.0";
    public static final String GRID_IMAGE = "quay.io/acme/grid:" + System.getProperty("tag.grid", "latest");
    public static final String SHADOWED_IMAGE = "acme/shadowed:3.0";
}
"""

CACHE_TEST = """\
package org.acme.cache;

import org.acme.Images;
import org.testcontainers.containers.GenericContainer;

class CacheResource {

    private static final GenericContainer<?> cache = new GenericContainer<>(Images.CACHE_IMAGE)
            .withExposedPorts(6379);

    private static final GenericContainer<?> grid = new GenericContainer<>(Images.GRID_IMAGE);
}
"""

QUEUE_TEST = """\
package org.acme.queue;

import static org.acme.Images.COORDINATOR_IMAGE;
import static org.acme.Images.QUEUE_IMAGE;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

class QueueResource {

    static final GenericContainer<?> coordinator = new GenericContainer<>(DockerImageName.parse(COORDINATOR_IMAGE));

    private static final GenericContainer<?> queue = new GenericContainer<>(DockerImageName.parse(QUEUE_IMAGE))
            .withExposedPorts(4222);
}
"""

WILDCARD_TEST = """\
package org.acme.other;

import static org.acme.Images.*;

import org.testcontainers.containers.GenericContainer;

class OtherResource {

    private static final String SHADOWED_IMAGE = System.getenv("OTHER_IMAGE");

    private static final GenericContainer<?> cache = new GenericContainer<>(CACHE_IMAGE);

    private static final GenericContainer<?> shadowed = new GenericContainer<>(SHADOWED_IMAGE);
}
"""


def test_joined_and_statically_imported_constants_of_another_class_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = "src/test/java/org/acme/"
    write_tree(
        tmp_path,
        {
            base + "Images.java": IMAGES,
            base + "cache/CacheResource.java": CACHE_TEST,
            base + "queue/QueueResource.java": QUEUE_TEST,
            base + "other/OtherResource.java": WILDCARD_TEST,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = [r for r in records if r["status"] != "unresolved"]
    assert sorted((r["reference"], r["file"], r["line"], r["status"]) for r in listed) == [
        ("acme/coordinator:1.0", base + "queue/QueueResource.java", 11, "public"),
        ("ghcr.io/acme/cache:7.4.1", base + "cache/CacheResource.java", 8, "public"),
        ("ghcr.io/acme/cache:7.4.1", base + "other/OtherResource.java", 11, "public"),
        ("quay.io/acme/queue:v2.3", base + "queue/QueueResource.java", 13, "public"),
    ]
    # a constant joined with a system property, and one shadowed by an environment variable: unresolved, not dropped
    assert sorted((r["file"], r["line"]) for r in records if r["status"] == "unresolved") == [
        (base + "cache/CacheResource.java", 11),
        (base + "other/OtherResource.java", 13),
    ]
