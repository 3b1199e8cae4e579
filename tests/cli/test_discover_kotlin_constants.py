"""`ecr-mirror discover` on Kotlin Testcontainers sources whose image is a `const val` of another Kotlin file of the
tree: a top-level one the source imports (`import org.acme.db.POSTGRES_IMAGE`, the file `package org.acme.db`), one
of its own package (no import needed), one of an `object` or a class's `companion object` reached as `Images.CACHE`,
and one joined from another constant with a string template or `+`. A name the source declares itself is its own; a
constant of another package that is not imported is not the source's; two files giving one name different values
give none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

VERSIONS = """\
package org.acme.db

const val POSTGRES_IMAGE = "postgres:15.4-alpine"
const val BROKER_TAG: String = "3.12.1-management"
const val BROKER_IMAGE = "rabbitmq:$BROKER_TAG"
const val SCHEMA_FILE = "schema.sql"
internal const val TIMEOUT = 5L
"""

IMAGES = """\
package org.acme.support

object Images {
    private const val SEARCH_VERSION = "8.11.3"
    const val SEARCH = "docker.elastic.co/elasticsearch/elasticsearch:" + SEARCH_VERSION

    object Nested {
        const val OTHER = "acme/nested:1.0"
    }
}

class CacheContainerFactory {
    companion object {
        const val CACHE_IMAGE = "redis:7.2.4"
    }

    fun describe(): String = "factory { ${'$'}{CACHE_IMAGE} }"
}
"""

LOCAL = """\
package org.acme.it

const val LOCAL_IMAGE = "ghcr.io/acme/stub:2.1.0"
"""

SHADOW = """\
package org.acme.elsewhere

const val POSTGRES_IMAGE = "postgres:9.6"
const val UNIMPORTED_IMAGE = "acme/unimported:1.0"
"""

TEST = """\
package org.acme.it

import org.acme.db.BROKER_IMAGE
import org.acme.db.POSTGRES_IMAGE
import org.acme.support.CacheContainerFactory
import org.acme.support.Images
import org.testcontainers.containers.GenericContainer
import org.testcontainers.containers.PostgreSQLContainer
import org.testcontainers.containers.RabbitMQContainer
import org.testcontainers.elasticsearch.ElasticsearchContainer
import org.testcontainers.utility.DockerImageName.parse

class PlatformIT {
    private val postgres = PostgreSQLContainer(parse(POSTGRES_IMAGE))
    private val broker = RabbitMQContainer(BROKER_IMAGE)
    private val search = ElasticsearchContainer(Images.SEARCH)
    private val cache = GenericContainer(CacheContainerFactory.CACHE_IMAGE)
    private val stub = GenericContainer(LOCAL_IMAGE)
    private val unimported = GenericContainer(UNIMPORTED_IMAGE)
}
"""

OWN_NAME = """\
package org.acme.other

import org.acme.db.POSTGRES_IMAGE
import org.testcontainers.containers.PostgreSQLContainer

class OwnNameIT {
    fun start(POSTGRES_IMAGE: String) = PostgreSQLContainer(POSTGRES_IMAGE)
}
"""


def test_kotlin_const_vals_of_other_files_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    test = "src/test/kotlin/org/acme/it/PlatformIT.kt"
    write_tree(
        tmp_path,
        {
            "commons/src/main/kotlin/org/acme/db/Versions.kt": VERSIONS,
            "commons/src/main/kotlin/org/acme/support/Images.kt": IMAGES,
            "src/test/kotlin/org/acme/it/Local.kt": LOCAL,
            "src/test/kotlin/org/acme/elsewhere/Shadow.kt": SHADOW,
            test: TEST,
            "src/test/kotlin/org/acme/other/OwnNameIT.kt": OWN_NAME,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = [r for r in records if r["status"] != "unresolved"]
    assert sorted((r["reference"], r["file"], r["line"]) for r in listed) == [
        ("docker.elastic.co/elasticsearch/elasticsearch:8.11.3", test, 16),
        ("ghcr.io/acme/stub:2.1.0", test, 18),
        ("postgres:15.4-alpine", test, 14),
        ("rabbitmq:3.12.1-management", test, 15),
        ("redis:7.2.4", test, 17),
    ]
    # a constant of a package the test does not import: unresolved, at its line (OwnNameIT's parameter is named as
    # a constant PlatformIT's listed line names, and taken as followed)
    assert [(r["file"], r["line"]) for r in records if r["status"] == "unresolved"] == [(test, 19)]


def test_a_name_two_files_of_a_package_give_different_values_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "a/src/main/kotlin/org/acme/db/Versions.kt": VERSIONS,
            "b/src/main/kotlin/org/acme/db/Versions.kt": VERSIONS.replace("15.4-alpine", "16.1"),
            "src/test/kotlin/org/acme/other/OwnNameIT.kt": OWN_NAME.replace(
                "fun start(POSTGRES_IMAGE: String) = PostgreSQLContainer(POSTGRES_IMAGE)",
                "val db = PostgreSQLContainer(POSTGRES_IMAGE)",
            ),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["file"], r["line"], r["status"]) for r in records] == [
        ("src/test/kotlin/org/acme/other/OwnNameIT.kt", 7, "unresolved")
    ]
