"""`ecr-mirror discover` reads a Java or Kotlin name bound to a system property or an environment variable with a
default (`System.getProperty("db.image", "mariadb:11.4")`, `System.getenv().getOrDefault("DB_IMAGE", "...")`) as
that default: the image the tests start when nobody overrides it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

JAVA = """\
package org.acme.store.mariadb;

import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
class StoreMariaDbTest {
    static final String MARIADB_IMAGE = System.getProperty("store.test.mariadb-image", "mariadb");

    @Container
    static MariaDBContainer<?> db = new MariaDBContainer<>(MARIADB_IMAGE);
}
"""

KOTLIN = """\
package org.acme.store.cache

import org.testcontainers.containers.GenericContainer
import org.testcontainers.utility.DockerImageName

class CacheTest {
    companion object {
        private val CACHE_IMAGE: String = System.getenv().getOrDefault("CACHE_IMAGE", "valkey/valkey:8.1")
        val cache = GenericContainer(DockerImageName.parse(CACHE_IMAGE))
    }
}
"""


def test_the_default_of_a_system_property_or_an_environment_variable_is_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "mariadb/src/test/java/org/acme/store/mariadb/StoreMariaDbTest.java": JAVA,
            "cache/src/test/kotlin/org/acme/store/cache/CacheTest.kt": KOTLIN,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["mariadb:latest", "valkey/valkey:8.1"]
