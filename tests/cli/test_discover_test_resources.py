"""`ecr-mirror discover` lists the images Micronaut Test Resources starts where the tree names them: the
`test-resources.containers.NAME.image-name` property in `application.yml` and in Java, Groovy and Kotlin tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "data-jdbc/src/test/resources/application-test.yml": (
        "test-resources:\n  containers:\n    mssql:\n      image-name: mcr.microsoft.com/mssql/server:2019-latest\n"
    ),
    "examples/pg/src/test/java/example/PgTest.java": (
        "package example;\n\n"
        '@Property(name = "test-resources.containers.postgres.image-name", value = "postgres:13")\n'
        "class PgTest {}\n"
    ),
    "data-r2dbc/src/test/groovy/example/MariaSpec.groovy": (
        "class MariaSpec extends Specification {\n"
        "    Map<String, String> getProperties() {\n"
        '        ["test-resources.containers.mysql.image-name": "mariadb:11.4"]\n'
        "    }\n}\n"
    ),
    "examples/kt/src/test/kotlin/MongoTest.kt": (
        "class MongoTest : TestPropertyProvider {\n    override fun getProperties() = mapOf(\n"
        '        "test-resources.containers.mongodb.image-name" to "mongo:6.0")\n}\n'
    ),
}


def test_test_resources_image_names_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"}
    assert public == {
        ("mcr.microsoft.com/mssql/server:2019-latest", "data-jdbc/src/test/resources/application-test.yml", 4),
        ("postgres:13", "examples/pg/src/test/java/example/PgTest.java", 3),
        ("mariadb:11.4", "data-r2dbc/src/test/groovy/example/MariaSpec.groovy", 3),
        ("mongo:6.0", "examples/kt/src/test/kotlin/MongoTest.kt", 3),
    }
