"""Testcontainers in Java: `DockerImageName.parse(...)` written over two lines, as formatters wrap a long constant."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

WRAPPED = """\
package org.example.store;

import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

class OrderStoreIntegrationTests {

\tprivate static final DockerImageName SQLSERVER_IMAGE = DockerImageName
\t\t.parse("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04");

\tprivate static final DockerImageName DB2 = DockerImageName .
\t\tparse("icr.io/db2_community/db2")
\t\t.withTag("12.1.0.0");

\tstatic MSSQLServerContainer<?> sqlserver = new MSSQLServerContainer<>(SQLSERVER_IMAGE).acceptLicense();
}
"""


def test_a_parse_call_wrapped_after_the_class_name_is_read_at_its_literal() -> None:
    found = started_images(WRAPPED, "src/test/java/OrderStoreIntegrationTests.java")
    assert [(item.text, item.line) for item in found] == [
        ("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04", 9),
        ("icr.io/db2_community/db2:12.1.0.0", 12),
    ]
