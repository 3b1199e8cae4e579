"""Testcontainers' JDBC URL (`jdbc:tc:postgresql:12:///db`, https://java.testcontainers.org/modules/databases/jdbc/)
starts a container of the database's image at the tag the URL gives, with no image named anywhere: adorsys'
open-banking-gateway sets `spring.datasource.url=jdbc:tc:postgresql:12:////open_banking?...` in test
`application-*.yml` files and `@SpringBootTest(properties = ...)` (set ZZZT, 1 miss, `postgres:12`). Read in sources,
properties files and YAML, each URL at its line: the image of the JDBC module's provider for the database type with the
URL's tag; R2DBC's `r2dbc:tc:TYPE:///db?TC_IMAGE_TAG=TAG` too. A URL without a tag starts the module's default tag,
which the library's version decides: unresolved. A type no module maps to one image (`oracle`: oracle-xe's or
oracle-free's) and a commented-out line are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_YAML = """\
spring:
  datasource:
    url: jdbc:tc:postgresql:12:////open_banking?TC_DAEMON=true&TC_INITSCRIPT=init.sql
"""

_PROPERTIES = """\
quarkus.datasource.jdbc.url=jdbc:tc:mysql:8.0.36://localhost/test
# spring.datasource.url=jdbc:tc:mariadb:10.6:///old
other.url=jdbc:tc:oracle:21-slim-faststart:///xe
spring.r2dbc.url=r2dbc:tc:postgresql:///db?TC_IMAGE_TAG=16-alpine
"""

_JAVA = """\
package acme;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:tc:postgis:16-3.4:///geo?TC_INITSCRIPT=init.sql"})
class GeoTest {
    // jdbc:tc:timescaledb:2.14.2-pg16:///unused
    static final String URL = "jdbc:tc:sqlserver:2022-CU14-ubuntu-22.04:///db";
    static final String DEFAULT = "jdbc:tc:postgresql:///db";
}
"""


def test_testcontainers_jdbc_urls_start_their_database_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "api/src/test/resources/application-test.yml": _YAML,
            "app/src/test/resources/test.properties": _PROPERTIES,
            "geo/src/test/java/acme/GeoTest.java": _JAVA,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert got == [
        ("api/src/test/resources/application-test.yml", 3, "postgres:12", "public"),
        ("app/src/test/resources/test.properties", 1, "mysql:8.0.36", "public"),
        ("app/src/test/resources/test.properties", 4, "postgres:16-alpine", "public"),
        ("geo/src/test/java/acme/GeoTest.java", 3, "postgis/postgis:16-3.4", "public"),
        ("geo/src/test/java/acme/GeoTest.java", 6, "mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04", "public"),
        ("geo/src/test/java/acme/GeoTest.java", 7, None, "unresolved"),
    ]


_OTHER_DRIVER = """\
spring:
  datasource:
    url: jdbc:tc:postgresql:9.6.8://localhost/testdb
    username: user
    driver-class-name: org.postgresql.Driver
other:
  datasource:
    url: jdbc:tc:postgresql:16:///db
    driver-class-name: org.testcontainers.jdbc.ContainerDatabaseDriver
"""


def test_a_url_given_another_driver_class_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only Testcontainers' driver (`org.testcontainers.jdbc.ContainerDatabaseDriver`, which the configuration may
    name) accepts a `jdbc:tc:` URL; one set beside a configuration naming another driver class (`driver-class-name:
    org.postgresql.Driver`) cannot connect as written, and the tests give it another URL: MTES-MCT/monitorfish's test
    `application.yml` (set ZZZQ, found after its round)."""
    write_tree(tmp_path, {"backend/src/test/resources/application.yml": _OTHER_DRIVER})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["line"], r["reference"]) for r in records] == [(8, "postgres:16")]
