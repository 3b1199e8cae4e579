"""Micronaut Test Resources' `test-resources.containers.NAME.image-name` (pure): in YAML configuration, nested or
dotted, and as a string literal a program source gives the property."""

from __future__ import annotations

from ecr_mirror.choose.discovery.test_resources import source_test_resources_images, yaml_test_resources_images

APPLICATION = """\
micronaut:
  application:
    name: orders
test-resources:
  containers:
    mssql:
      accept-license: true
      image-name: mcr.microsoft.com/mssql/server:2019-CU27-ubuntu-20.04
    oracle:
      startup-timeout: 600s
    kafka.image-name: confluentinc/cp-kafka:7.7.1
datasources:
  default:
    db-type: mssql
other:
  image-name: not-a-container:1
"""


def test_yaml_configuration_nested_and_dotted() -> None:
    found = [(item.text, item.line) for item in yaml_test_resources_images(APPLICATION, "application-test.yml")]
    assert found == [
        ("mcr.microsoft.com/mssql/server:2019-CU27-ubuntu-20.04", 8),
        ("confluentinc/cp-kafka:7.7.1", 11),
    ]
    flat = 'test-resources.containers.redis.image-name: "redis:7.4"\n'
    assert [item.text for item in yaml_test_resources_images(flat, "application.yml")] == ["redis:7.4"]


def test_sources_giving_the_property_a_literal() -> None:
    java = """\
@MicronautTest
@Property(name = "test-resources.containers.postgres.image-name", value = "postgres:16.4-alpine")
class OrderRepositoryTest {
    Map<String, String> props = Map.of("test-resources.containers.mysql.image-name", "mysql:8.4");
    @Property(name = "test-resources.containers.other.image-name", value = IMAGE)
}
"""
    groovy = "    ['datasources.default.url': url, 'test-resources.containers.mysql.image-name' : 'mariadb']\n"
    kotlin = 'val p = mapOf("test-resources.containers.mongodb.image-name" to "mongo:7.0")\n'
    listed = [(i.text, i.line) for i in source_test_resources_images(java, "OrderRepositoryTest.java")]
    assert listed == [("postgres:16.4-alpine", 2), ("mysql:8.4", 4)]  # a constant is not followed
    assert [i.text for i in source_test_resources_images(groovy, "MariaSpec.groovy")] == ["mariadb"]
    assert [i.text for i in source_test_resources_images(kotlin, "MongoTest.kt")] == ["mongo:7.0"]


def test_a_main_source_writing_the_property_for_another_project_is_not_read() -> None:
    """A project generator's feature class (`src/main/java/...`) puts the property into the configuration it writes
    for the projects it generates: the generator's own build starts no container for it. A program's main sources
    (Maven's and Gradle's `src/main/`) are not read for the property; its tests are."""
    generator = (
        "if (generatorContext.isFeaturePresent(TestResources.class)) {\n"
        '    configuration.put("test-resources.containers.cassandra.image-name", "cassandra");\n}\n'
    )
    assert source_test_resources_images(generator, "starter-core/src/main/java/acme/feature/Cassandra.java") == []
    [item] = source_test_resources_images(generator, "app/src/test/java/acme/CassandraTest.java")
    assert (item.text, item.line) == ("cassandra", 2)
