"""`ecr-mirror discover` lists the images a Quarkus project's tests start from MicroProfile Config: a Testcontainers
source given `ConfigProvider.getConfig().getValue("name", String.class)` (directly, or through a name bound to it),
the value a config file of the module gives the name, else the POM property of that name; and the images Quarkus
dev services pull for a `quarkus.*.devservices.image-name` of a module's `application.properties`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

ROOT_POM = """\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
    <modelVersion>4.0.0</modelVersion>
    <groupId>org.acme</groupId>
    <artifactId>acme-parent</artifactId>
    <version>1.0.0</version>
    <packaging>pom</packaging>
    <properties>
        <keycloak.version>26.1.0</keycloak.version>
        <cache.container.image>mirror.gcr.io/redis:7.4-alpine</cache.container.image>
        <db.container.image.base>mirror.gcr.io/postgres</db.container.image.base>
        <db.container.image>${db.container.image.base}:17.5</db.container.image>
        <broker.container.image>quay.io/acme/kafka:0.45.0</broker.container.image>
        <logged.container.image>busybox:1.36</logged.container.image>
        <auth.container.image>quay.io/keycloak/keycloak:${keycloak.version}</auth.container.image>
        <maria.container.image>mirror.gcr.io/mariadb:11.4</maria.container.image>
    </properties>
    <modules>
        <module>it/cache</module>
        <module>it/jdbc</module>
    </modules>
</project>
"""

MODULE_POM = """\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
    <modelVersion>4.0.0</modelVersion>
    <parent>
        <groupId>org.acme</groupId>
        <artifactId>acme-parent</artifactId>
        <version>1.0.0</version>
        <relativePath>../../pom.xml</relativePath>
    </parent>
    <artifactId>acme-it-{name}</artifactId>
</project>
"""

CACHE_RESOURCE = """\
package org.acme.it.cache;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class CacheTestResource implements QuarkusTestResourceLifecycleManager {
    static final String CACHE_IMAGE = ConfigProvider.getConfig().getValue("cache.container.image", String.class);
    private static final String LOGGED_IMAGE = ConfigProvider.getConfig().getValue("logged.container.image",
            String.class);
    private GenericContainer<?> cache;
    private GenericContainer<?> db;

    @Override
    public Map<String, String> start() {
        System.out.println("images: " + LOGGED_IMAGE);
        cache = new GenericContainer<>(CACHE_IMAGE).withExposedPorts(6379);
        db = new GenericContainer<>(
                DockerImageName.parse(ConfigProvider.getConfig().getValue("db.container.image", String.class)));
        String brokerImage = ConfigProvider.getConfig().getValue("broker.container.image", String.class);
        var cluster = new KafkaClusterBuilder()
                .withImage(brokerImage)
                .build();
        return Map.of();
    }
}
"""

# reads the same kind of key, but starts no container (no Testcontainers import): not an image it pulls
SETTINGS = """\
package org.acme.it.cache;

import org.eclipse.microprofile.config.ConfigProvider;

public class Settings {
    static final String IMAGE = ConfigProvider.getConfig().getValue("maria.container.image", String.class);

    Object build() {
        return new GenericContainer<>(IMAGE);
    }
}
"""

CACHE_PROPERTIES = """\
# the test image, over the POM's
broker.container.image=quay.io/acme/kafka:0.46.0
auth.container.image=${auth.container.image}
"""

JDBC_PROPERTIES = """\
quarkus.datasource.maria.db-kind=mariadb
quarkus.datasource.maria.devservices.image-name=${maria.container.image}
%test.quarkus.datasource.pg.devservices.image-name=${db.container.image}
quarkus.datasource.legacy.devservices.image-name=mirror.gcr.io/mysql:5.7
quarkus.datasource.legacy.devservices.enabled=false
acme.example.image-name=mirror.gcr.io/nginx:1.27
"""


def _tree() -> dict[str, str]:
    return {
        "pom.xml": ROOT_POM,
        "it/cache/pom.xml": MODULE_POM.replace("{name}", "cache"),
        "it/cache/src/test/java/org/acme/it/cache/CacheTestResource.java": CACHE_RESOURCE,
        "it/cache/src/test/java/org/acme/it/cache/Settings.java": SETTINGS,
        "it/cache/src/test/resources/application.properties": CACHE_PROPERTIES,
        "it/jdbc/pom.xml": MODULE_POM.replace("{name}", "jdbc"),
        "it/jdbc/src/main/resources/application.properties": JDBC_PROPERTIES,
    }


def test_testcontainers_images_read_from_microprofile_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, _tree())
    records = discover_records(tmp_path, monkeypatch, capsys)
    source = "it/cache/src/test/java/org/acme/it/cache/CacheTestResource.java"
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"] == source}
    assert rows == {
        (source, 11, "mirror.gcr.io/redis:7.4-alpine", "public"),
        (source, 22, "mirror.gcr.io/postgres:17.5", "public"),
        (source, 23, "quay.io/acme/kafka:0.46.0", "public"),
    }
    (cache,) = [r for r in records if r["reference"] == "mirror.gcr.io/redis:7.4-alpine"]
    assert "cache.container.image" in cache["use"] and "pom.xml" in cache["use"]
    (broker,) = [r for r in records if r["reference"] == "quay.io/acme/kafka:0.46.0"]
    assert "it/cache/src/test/resources/application.properties:2" in broker["use"]
    assert not [r for r in records if r["reference"] == "busybox:1.36"]
    assert not [r for r in records if r["file"].endswith("Settings.java")]


def test_quarkus_dev_services_images_of_application_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, _tree())
    records = discover_records(tmp_path, monkeypatch, capsys)
    config = "it/jdbc/src/main/resources/application.properties"
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"] == config}
    assert rows == {
        (config, 2, "mirror.gcr.io/mariadb:11.4", "public"),
        (config, 3, "mirror.gcr.io/postgres:17.5", "public"),
    }
    assert not [r for r in records if r["reference"] in ("mirror.gcr.io/mysql:5.7", "mirror.gcr.io/nginx:1.27")]


def test_a_config_name_no_file_gives_is_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree()
    tree["pom.xml"] = ROOT_POM.replace("<cache.container.image>", "<other.container.image>").replace(
        "</cache.container.image>", "</other.container.image>"
    )
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    source = "it/cache/src/test/java/org/acme/it/cache/CacheTestResource.java"
    (line,) = [r for r in records if r["file"] == source and r["line"] == 11]
    assert line["status"] == "unresolved" and "cache.container.image" in line["reason"]


STRIMZI_RESOURCE = """\
package org.acme.it.cache;

import io.strimzi.test.container.StrimziKafkaCluster;
import org.eclipse.microprofile.config.ConfigProvider;

public class SharedKafkaResource {
    private static final String KAFKA_IMAGE = ConfigProvider.getConfig().getValue("cache.container.image",
            String.class);

    void start() {
        var cluster = new StrimziKafkaCluster.StrimziKafkaClusterBuilder()
                .withImage(KAFKA_IMAGE)
                .build();
    }
}
"""


def test_a_strimzi_test_container_given_a_config_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree()
    tree["it/cache/src/test/java/org/acme/it/cache/SharedKafkaResource.java"] = STRIMZI_RESOURCE
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    source = "it/cache/src/test/java/org/acme/it/cache/SharedKafkaResource.java"
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"] == source}
    assert rows == {(source, 7, "mirror.gcr.io/redis:7.4-alpine", "public")}
