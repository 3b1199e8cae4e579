"""Gradle tasks giving a test suite its image as a system property or an environment variable, over a version list
of the same build file (gradle_test_properties.py, gradle_values.py), and the values JVM test sources set such a
property to (jvm_property_values.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.gradle_test_properties import gradle_setting_images, relaxed_name
from ecr_mirror.choose.discovery.gradle_values import build_values, parse_value
from ecr_mirror.choose.discovery.jvm_properties import image_properties, image_variables
from ecr_mirror.choose.discovery.jvm_property_values import source_property_images

SUITES = """\
ext {
    databases = [
            [name: 'mysql', versions: [
                    [name: '5.7', 'mysql': '5.7', 'mysql-driver': 'default'],
                    [name: '8.4', 'mysql': '8.4']
            ]],
            [name: 'h2', versions: [[name: '2.2', h2: '2.2.224']]],
    ]
}
databases.find { it.name == 'mysql' }.versions += [
        [name: '9.1', mysql: '9.1'],
]
"""


def test_a_version_list_with_its_additions() -> None:
    values = build_values(SUITES)
    assert values["databases"] == [
        [
            {
                "name": "mysql",
                "versions": [
                    {"name": "5.7", "mysql": "5.7", "mysql-driver": "default"},
                    {"name": "8.4", "mysql": "8.4"},
                    {"name": "9.1", "mysql": "9.1"},
                ],
            },
            {"name": "h2", "versions": [{"name": "2.2", "h2": "2.2.224"}]},
        ]
    ]


def test_kotlin_collections_and_unknown_values() -> None:
    text = 'mapOf("a" to listOf("1", "2"), "b" to findProperty("x"))'
    assert parse_value(text, 0)[0] == {"a": ["1", "2"], "b": None}
    assert parse_value("[:]", 0)[0] == {}
    assert parse_value("project.version", 0)[0] is None


BUILD = (
    SUITES
    + """\
def fallbackTag = '8.0'
subprojects {
    databases.each { db ->
        db.versions.each { version ->
            task "test_${db.name}_${version.name}"(type: Test) {
                if (version.mysql) {
                    environment 'ACME_MYSQL_IMAGE', "mysql:${version.mysql}"
                    environment "ACME_MYSQL_OTHER", "mysql:${version.mysql}"
                    environment 'ACME_MYSQL_IMAGE', "mysql:${version.nope}"
                    environment 'ACME_MYSQL_IMAGE', 'mysql:${version.mysql}-single'
                    // environment 'ACME_MYSQL_IMAGE', "mysql:${version.mysql}-commented"
                }
            }
        }
    }
    test {
        systemProperty 'acme.mysql.image', "mysql:$fallbackTag"
        systemProperty 'acme.mysql.image', "mysql:${System.getenv('TAG')}"
        environment 'ACME_MYSQL_IMAGE', version
    }
}
"""
)


def test_settings_over_nested_loops() -> None:
    found = gradle_setting_images(BUILD, "build.gradle", {"acme.mysql.image"}, {"ACME_MYSQL_IMAGE"})
    assert [(item.text, item.line, item.use) for item in found] == [
        ("mysql:5.7", 19, "environment ACME_MYSQL_IMAGE (Test task)"),
        ("mysql:8.4", 19, "environment ACME_MYSQL_IMAGE (Test task)"),
        ("mysql:9.1", 19, "environment ACME_MYSQL_IMAGE (Test task)"),
        ("mysql:8.0", 29, "systemProperty acme.mysql.image (Test task)"),
    ]
    assert {item.kind for item in found} == {"Gradle build file"}


def test_names_no_source_reads_give_nothing() -> None:
    assert gradle_setting_images(BUILD, "build.gradle", {"other.image"}, {"OTHER"}) == []
    assert gradle_setting_images(BUILD, "build.gradle", set(), set()) == []


def test_kotlin_placeholders_are_names_alone() -> None:
    text = """\
val versions = listOf("13", "14")
for (v in versions) {
    tasks.register<Test>("pg$v") {
        environment("PG_IMAGE", "postgres:$v.alpine")
        environment("PG_IMAGE", "postgres:${v}-bookworm")
    }
}
"""
    found = gradle_setting_images(text, "build.gradle.kts", set(), {"PG_IMAGE"})
    assert [item.text for item in found] == [
        "postgres:13.alpine",
        "postgres:14.alpine",
        "postgres:13-bookworm",
        "postgres:14-bookworm",
    ]


def test_implicit_it_and_an_inline_list() -> None:
    text = """\
['6.2', '7.2'].each {
    task "testRedis${it}"(type: Test) { systemProperty 'redis.image', "redis:$it" }
}
"""
    found = gradle_setting_images(text, "build.gradle", {"redis.image"}, set())
    assert [item.text for item in found] == ["redis:6.2", "redis:7.2"]


PROVIDER = """\
import org.testcontainers.utility.DockerImageName;
class Provider {
    Provider(Environment environment) {
        String dockerImage = environment.getProperty("acme.db.docker.image", "postgres:11-alpine");
        String fromSystem = System.getProperty("acme.db.system-image", "postgres:12");
        String fromEnv = System.getenv().getOrDefault("ACME_DB_ENV_IMAGE", "postgres:13");
        String label = environment.getProperty("acme.db.label", "x:1");
    }
}
"""


def test_the_names_a_source_reads_its_image_from() -> None:
    assert image_properties(PROVIDER, {4, 5, 6}) == {"acme.db.docker.image", "acme.db.system-image"}
    # Spring's relaxed binding for an Environment's property; a system property is not read from the environment
    assert image_variables(PROVIDER, {4, 5, 6}) == {"ACME_DB_DOCKER_IMAGE", "ACME_DB_ENV_IMAGE"}
    assert relaxed_name("zonky.test.database.postgres-x.docker.image") == "ZONKY_TEST_DATABASE_POSTGRESX_DOCKER_IMAGE"


TEST_SOURCE = """\
@TestPropertySource(properties = {
        "acme.db.docker.image=postgres:9.6-alpine",
        "acme.db.label=acme/label:1"
})
class ConfiguredTest {
    void set() {
        environment.setProperty("acme.db.docker.image", "mcr.microsoft.com/mssql/server:2019-CU1");
        registry.add("acme.db.docker.image", () -> "postgis/postgis:16-3.4");
        properties.put("acme.db.docker.image", "test-image");
        // environment.setProperty("acme.db.docker.image", "postgres:1-commented");
        String sql = "acme.db.docker.image=" + value;
    }
}
"""


def test_values_test_sources_set_the_property_to() -> None:
    found = source_property_images(TEST_SOURCE, "ConfiguredTest.java", {"acme.db.docker.image"}, "Java source")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("postgres:9.6-alpine", 2, "acme.db.docker.image (property)"),
        ("mcr.microsoft.com/mssql/server:2019-CU1", 7, "acme.db.docker.image (property)"),
        ("postgis/postgis:16-3.4", 8, "acme.db.docker.image (property)"),
    ]
