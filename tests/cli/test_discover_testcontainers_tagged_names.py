"""`ecr-mirror discover` does not take a Java `DockerImageName.parse("repo")` without a tag, bound to a name, for a
pull of `repo:latest` when the file only ever starts it with a tag (`NAME.withTag(version)`) or compares images
with it (`assertCompatibleWith(NAME)`): Testcontainers pulls the tagged name
(https://javadoc.io/doc/org.testcontainers/testcontainers/latest/org/testcontainers/utility/DockerImageName.html).
A name also handed to a container as it is still pulls `repo:latest`. A tag given by a name is the literal the file
binds the name to (a system property's default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TAGGED_ONLY = """\
package org.acme.testing;

import org.testcontainers.utility.DockerImageName;

public class AcmeDbContainer extends org.testcontainers.containers.JdbcDatabaseContainer<AcmeDbContainer> {

    private static final String FALLBACK_VERSION = "21.3.0";
    public static final String DEFAULT_TAG = versionOr(System.getProperty("acme.db.version"), FALLBACK_VERSION);
    public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("quay.io/acme/acme-db");

    public AcmeDbContainer() {
        this(DEFAULT_IMAGE_NAME.withTag(DEFAULT_TAG));
    }

    public AcmeDbContainer(final DockerImageName dockerImageName) {
        super(dockerImageName);
        dockerImageName.assertCompatibleWith(DEFAULT_IMAGE_NAME);
    }

    private static String versionOr(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
"""

USED_UNTAGGED = """\
package org.acme.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class CacheIT {

    private static final DockerImageName CACHE_IMAGE = DockerImageName.parse("quay.io/acme/cache");

    private final GenericContainer<?> cache = new GenericContainer<>(CACHE_IMAGE);
    private final GenericContainer<?> pinned = new GenericContainer<>(CACHE_IMAGE.withTag("2.1"));
}
"""

VERSION_PROPERTY = """\
package org.acme.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class DocumentStoreContainer extends GenericContainer<DocumentStoreContainer> {

    public static final String IMAGE_VERSION = System.getProperty("acme.store.version", "7.0");
    private static final DockerImageName IMAGE = DockerImageName.parse("quay.io/acme/store").withTag(IMAGE_VERSION);

    public DocumentStoreContainer() {
        super(IMAGE);
    }
}
"""


def test_untagged_name_only_started_with_a_tag_is_not_a_latest_pull(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "db/src/main/java/org/acme/testing/AcmeDbContainer.java": TAGGED_ONLY,
            "cache/src/test/java/org/acme/testing/CacheIT.java": USED_UNTAGGED,
            "store/src/main/java/org/acme/testing/DocumentStoreContainer.java": VERSION_PROPERTY,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["kind"], r["reference"], r["status"]) for r in records}
    assert rows == {
        ("cache/src/test/java/org/acme/testing/CacheIT.java", 8, "Java source", "quay.io/acme/cache:latest", "public"),
        ("cache/src/test/java/org/acme/testing/CacheIT.java", 11, "Java source", "quay.io/acme/cache:2.1", "public"),
        (
            "store/src/main/java/org/acme/testing/DocumentStoreContainer.java",
            9,
            "Java source",
            "quay.io/acme/store:7.0",
            "public",
        ),
    }


PART_ONLY = """\
package org.acme.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

public class DirectoryContainer extends GenericContainer<DirectoryContainer> {

    static final DockerImageName BASE_IMAGE = DockerImageName.parse("acme/directory");
    static final String DEFAULT_TAG = "1.5.0";

    public DirectoryContainer(String seed) {
        super(new ImageFromDockerfile().withDockerfileFromBuilder(
                builder -> builder.from(BASE_IMAGE.getUnversionedPart() + ":" + DEFAULT_TAG).build()));
    }

    public DirectoryContainer() {
        super(BASE_IMAGE.withTag(DEFAULT_TAG));
    }
}
"""


def test_a_name_otherwise_only_split_into_its_parts_is_not_a_latest_pull(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`getUnversionedPart()`, `getRepository()` and `getRegistry()` give a part of the name as a string, pulling
    nothing (https://javadoc.io/doc/org.testcontainers/testcontainers/latest/org/testcontainers/utility/
    DockerImageName.html)."""
    write_tree(tmp_path, {"src/main/java/org/acme/testing/DirectoryContainer.java": PART_ONLY})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted({r["reference"] for r in records}) == ["acme/directory:1.5.0"]
