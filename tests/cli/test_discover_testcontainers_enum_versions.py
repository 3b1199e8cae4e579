"""`ecr-mirror discover` on a Java container class of the tree's own that joins its image from an enum of versions
(`super(DockerImageName.parse(IMAGE + ":" + version.getVersion()))` in `MySqlContainer(MySqlVersion version)`, with
`enum MySqlVersion { V5_7("5.7"), V8_0("8.0"); ... }`): one image per constant the tree's sources name, at the line
naming it; a constant no source names, and a same-named enum of another package, give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

CONTAINER = """\
package org.acme.cdc.testutils;

import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.utility.DockerImageName;

public class RowStoreContainer extends JdbcDatabaseContainer<RowStoreContainer> {

    public static final String IMAGE = "acme/rowstore";

    public RowStoreContainer() {
        this(RowStoreVersion.V5_7);
    }

    public RowStoreContainer(RowStoreVersion version) {
        super(DockerImageName.parse(IMAGE + ":" + version.getVersion()));
    }
}
"""

VERSIONS = """\
package org.acme.cdc.testutils;

/** Row store versions. */
public enum RowStoreVersion {
    V5_6("5.6"),
    V5_7("5.7"),
    V8_0("8.0");

    private final String version;

    RowStoreVersion(String version) {
        this.version = version;
    }

    public String getVersion() {
        return version;
    }
}
"""

DIALECT_VERSIONS = """\
package org.acme.jdbc.dialect;

public enum RowStoreVersion {
    V8_4("8.4"),
    V8_0("8.0");

    private final String prefix;

    RowStoreVersion(String prefix) {
        this.prefix = prefix;
    }

    public String getVersion() {
        return prefix;
    }
}
"""

CDC_TEST = """\
package org.acme.e2e.cdc;

import org.acme.cdc.testutils.RowStoreContainer;
import org.acme.cdc.testutils.RowStoreVersion;

public class RowStoreCdcIT {

    private static final RowStoreContainer STORE = create(RowStoreVersion.V8_0);

    private static RowStoreContainer create(RowStoreVersion version) {
        return new RowStoreContainer(version);
    }
}
"""

DIALECT_TEST = """\
package org.acme.jdbc.dialect;

public class DialectTest {
    void test() {
        check(RowStoreVersion.V8_4);
    }
}
"""


def test_the_enum_constants_a_tree_names_give_a_container_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "cdc/src/test/java/org/acme/cdc/testutils/RowStoreContainer.java": CONTAINER,
        "cdc/src/test/java/org/acme/cdc/testutils/RowStoreVersion.java": VERSIONS,
        "jdbc/src/main/java/org/acme/jdbc/dialect/RowStoreVersion.java": DIALECT_VERSIONS,
        "e2e/src/test/java/org/acme/e2e/cdc/RowStoreCdcIT.java": CDC_TEST,
        "jdbc/src/test/java/org/acme/jdbc/dialect/DialectTest.java": DIALECT_TEST,
    }
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("cdc/src/test/java/org/acme/cdc/testutils/RowStoreContainer.java", 11, "acme/rowstore:5.7", "public"),
        ("e2e/src/test/java/org/acme/e2e/cdc/RowStoreCdcIT.java", 8, "acme/rowstore:8.0", "public"),
    ]
