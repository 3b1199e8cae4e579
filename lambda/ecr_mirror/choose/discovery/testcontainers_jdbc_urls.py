"""The database images Testcontainers' JDBC and R2DBC URLs start (pure).

A JDBC URL with `tc:` after `jdbc:` makes Testcontainers' driver start a database container for the connection
(https://java.testcontainers.org/modules/databases/jdbc/: `jdbc:tc:mysql:8.0.36:///databasename`), the image being
the one the database module's provider gives the URL's type, at the URL's tag (testcontainers-java's
`*ContainerProvider.newInstance(tag)`: `postgresql` is `postgres`, `postgis` `postgis/postgis`, `sqlserver`
`mcr.microsoft.com/mssql/server`...); an R2DBC URL, `r2dbc:tc:postgresql:///db?TC_IMAGE_TAG=16`, takes the tag from
its `TC_IMAGE_TAG` option (https://java.testcontainers.org/modules/databases/r2dbc/). Such URLs are written in
Spring, Quarkus or Micronaut properties and YAML, test annotations (`@SpringBootTest(properties = ...)`) and code:
each is read at its line. A URL without a tag starts the provider's default tag, which the library's version decides:
unresolved. A type two modules map to different images (`oracle`: oracle-xe's `gvenzl/oracle-xe`, oracle-free's
`gvenzl/oracle-free`), a type no module has, a tag with a placeholder (`${PG_VERSION}`), a line commented out
(`#`, `//`, `*`, `<!--`), and a URL whose configuration names another driver class within eight lines of it
(`driver-class-name: org.postgresql.Driver`, which refuses a `jdbc:tc:` URL: the tests give another) are not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found

KIND = "Testcontainers JDBC URL"
MARKS = (b"jdbc:tc:", b"r2dbc:tc:")
# the database type of a URL -> its module's image (testcontainers-java's providers)
IMAGES = {
    "postgresql": "postgres",
    "postgis": "postgis/postgis",
    "timescaledb": "timescale/timescaledb",
    "pgvector": "pgvector/pgvector",
    "mysql": "mysql",
    "mariadb": "mariadb",
    "sqlserver": "mcr.microsoft.com/mssql/server",
    "db2": "ibmcom/db2",
    "cockroach": "cockroachdb/cockroach",
    "cratedb": "crate",
    "clickhouse": "clickhouse/clickhouse-server",
    "trino": "trinodb/trino",
    "presto": "ghcr.io/trinodb/presto",
    "tidb": "pingcap/tidb",
    "yugabyte": "yugabytedb/yugabyte",
    "databend": "datafuselabs/databend",
    "oceanbasece": "oceanbase/oceanbase-ce",
    "timeplus": "timeplus/timeplusd",
}
_TAG = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
_JDBC_RE = re.compile(rf"\bjdbc:tc:(?P<type>[a-z0-9]+)(?::(?P<tag>{_TAG}))?://(?P<rest>[^\s\"'<>]*)")
_R2DBC_RE = re.compile(r"\br2dbc:tc:(?P<type>[a-z0-9]+)://(?P<rest>[^\s\"'<>]*)")
_IMAGE_TAG_RE = re.compile(rf"[?&]TC_IMAGE_TAG=(?P<tag>{_TAG})(?=$|&)")
_COMMENT_RE = re.compile(r"[ \t]*(?:#|//|\*|/\*|<!--)")  # matched at a line's start
# a driver class a configuration names for the connection (`driver-class-name: org.postgresql.Driver`,
# `driverClassName=...`, `quarkus.datasource.jdbc.driver=...`)
_DRIVER_RE = re.compile(r"(?i)driver[-_.]?class(?:[-_.]?name)?\b[\"']?\s*[:=]\s*[\"']?(?P<cls>[\w.$]+)")
_TC_DRIVER = "org.testcontainers.jdbc.ContainerDatabaseDriver"
_NEAR = 8  # lines around a URL its configuration's other keys are looked for in
_DEFAULT_TAG = "no tag in the URL: the Testcontainers module's default, which the library's version decides"


def may_name_jdbc_urls(data: bytes) -> bool:
    return any(mark in data for mark in MARKS)


def _urls(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, database type, tag or None) of each Testcontainers URL of `text`."""
    out = [(match.start(), match["type"], match["tag"]) for match in _JDBC_RE.finditer(text)]
    for match in _R2DBC_RE.finditer(text):
        tag = _IMAGE_TAG_RE.search(match["rest"])
        out.append((match.start(), match["type"], tag["tag"] if tag else None))
    return sorted(out)


def _other_driver(text: str, line: int) -> bool:
    """Whether the lines around `line` name a JDBC driver class other than Testcontainers' (which alone accepts a
    `jdbc:tc:` URL: the URL cannot connect as written, and the tests give the connection another one)."""
    first = max(0, line - 1 - _NEAR)
    near = [
        (abs(first + number - (line - 1)), match["cls"])
        for number, written in enumerate(text.split("\n")[first : line + _NEAR])
        if (match := _DRIVER_RE.search(written)) is not None
    ]
    return bool(near) and min(near)[1] != _TC_DRIVER  # the nearest one names the URL's driver


def jdbc_url_images(text: str, origin: str) -> list[Found]:
    """The image each Testcontainers JDBC or R2DBC URL of a file starts, at its line."""
    found: list[Found] = []
    for offset, database, tag in _urls(text) if any(mark.decode() in text for mark in MARKS) else ():
        image = IMAGES.get(database)
        start = text.rfind("\n", 0, offset) + 1
        line = text.count("\n", 0, offset) + 1
        if image is None or _COMMENT_RE.match(text, start) or _other_driver(text, line):
            continue
        use = f"jdbc:tc:{database}"
        if tag is None:
            found.append(Found(image, origin, line, _DEFAULT_TAG, use, kind=KIND))
        else:
            found.append(Found(f"{image}:{tag}", origin, line, use=use, kind=KIND))
    return found


def jdbc_text_images(texts: dict[str, str]) -> list[Found]:
    """The images the Testcontainers URLs of the tree's YAML, XML and build files start (sources are read apart)."""
    return [item for shown, text in texts.items() for item in jdbc_url_images(text, shown)]
