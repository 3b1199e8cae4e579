"""Testcontainers in Java and Kotlin: a class of the project's own that extends a container class names its image in
its constructor, `super("mysql:8.0")`, or delegates to the constructor that passes its argument to `super`,
`this(IMAGE)`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

EXTENSION = """\
package org.example.util;

import org.testcontainers.containers.MySQLContainer;

public class MysqlExtension extends MySQLContainer<MysqlExtension> {

    public MysqlExtension() {
        super("mysql:8.4");
    }
}
"""

DELEGATING = """\
package org.example.jdbc;

import org.testcontainers.containers.JdbcDatabaseContainer;

public class HsqlContainer extends JdbcDatabaseContainer<HsqlContainer> {

    public static final String TAG = "2.7.1";
    public static final String IMAGE = "acme/hsqldb:" + TAG;
    private String username = "sa";

    public HsqlContainer() {
        this(IMAGE);
    }

    public HsqlContainer(String dockerImageName) {
        super(dockerImageName);
        withEnv("HSQL_USER", username);
    }
}
"""

NOT_A_CONTAINER = """\
import org.testcontainers.containers.GenericContainer;

public class Settings extends BaseSettings {
    public Settings() {
        super("redis:7");
    }
}
"""

OTHER_THIS = """\
import org.testcontainers.containers.GenericContainer;

public class Credentials extends GenericContainer<Credentials> {
    public Credentials() {
        this("admin");
    }

    public Credentials(String user) {
        super(DEFAULT);
        withEnv("USER", user);
    }
}
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, origin)]


def test_a_literal_given_to_super_in_a_container_subclass() -> None:
    assert _images(EXTENSION, "src/test/java/org/example/util/MysqlExtension.java") == [("mysql:8.4", 8)]


def test_a_constant_given_to_this_which_passes_it_to_super() -> None:
    # the image is built from two constants; the use is at the line it is written on
    assert _images(DELEGATING, "src/test/java/HsqlContainer.java") == [("acme/hsqldb:2.7.1", 8)]


def test_super_in_a_class_that_extends_no_container_is_not_read() -> None:
    assert _images(NOT_A_CONTAINER, "src/Settings.java") == []


def test_this_to_a_constructor_that_does_not_pass_its_argument_to_super_is_not_read() -> None:
    assert _images(OTHER_THIS, "src/Credentials.java") == []


def test_kotlin_secondary_constructor_given_to_super() -> None:
    kotlin = (
        "import org.testcontainers.containers.GenericContainer\n\n"
        "class Cache : GenericContainer<Cache> {\n"
        '    constructor() : super("valkey/valkey:8.1")\n'
        "}\n"
    )
    assert _images(kotlin, "src/test/kotlin/Cache.kt") == [("valkey/valkey:8.1", 4)]


def test_not_read_without_the_testcontainers_import() -> None:
    assert _images(EXTENSION.replace("import org.testcontainers.containers.MySQLContainer;", ""), "A.java") == []
