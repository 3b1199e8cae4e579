"""`ecr-mirror discover` on a Spring Boot library whose configuration classes start Testcontainers from the image a
properties class holds as its field's default (`private String dockerImage = "acme/cache:7.2-alpine";` in a
`@ConfigurationProperties` class with Lombok's `@Data`, `new GenericContainer<>(properties.getDockerImage())`): the
default is the image, read through the getter, the field, a local, a container subclass's `super(...)` and a join
with the class's constants; a field no container takes, a getter the class does not have, and a local of a method
are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

CACHE_PROPERTIES = """\
package org.acme.embedded.cache;

import lombok.Data;
import org.springframework.boot.context.properties.ConfigurationProperties;

@Data
@ConfigurationProperties("embedded.cache")
public class CacheProperties {
    public static final String BEAN_NAME = "embeddedCache";
    private String dockerImage = "acme/cache:7.2-alpine";
    private String host = "localhost";
    private int port = 0;

    public void init() {
        String fallback = "acme/cache:0.1-never";
    }
}
"""

CACHE_CONFIGURATION = """\
package org.acme.embedded.cache;

import org.springframework.context.annotation.Bean;
import org.testcontainers.containers.GenericContainer;

public class EmbeddedCacheConfiguration {

    @Bean(destroyMethod = "stop")
    public GenericContainer<?> cache(CacheProperties properties) {
        GenericContainer<?> cache = new GenericContainer<>(properties.getDockerImage())
                .withEnv("CACHE_HOST", properties.getHost())
                .withExposedPorts(6379);
        cache.start();
        return cache;
    }
}
"""

COLUMNS_PROPERTIES = """\
package org.acme.embedded.columns;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("embedded.columns")
public class ColumnsProperties {
    static final String DEFAULT_IMAGE = "acme/columns-server";
    static final String DEFAULT_TAG = "21.3";
    String dockerImage = DEFAULT_IMAGE + ":" + DEFAULT_TAG;
    String proxyImage = "acme/columns-proxy:1.0";
    String sidecarImage = "acme/columns-sidecar:2.0";

    public String getProxyImage() {
        return this.proxyImage;
    }
}
"""

COLUMNS_CONFIGURATION = """\
package org.acme.embedded.columns;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class EmbeddedColumnsConfiguration {

    public GenericContainer<?> columns(ColumnsProperties properties) {
        DockerImageName image = DockerImageName.parse(properties.dockerImage);
        return new ColumnsContainer(image);
    }

    public GenericContainer<?> proxy(ColumnsProperties columnsProperties) {
        String proxyImage = columnsProperties.getProxyImage();
        return new GenericContainer<>(proxyImage);
    }

    public GenericContainer<?> sidecar(ColumnsProperties columnsProperties) {
        return new GenericContainer<>(columnsProperties.getSidecarImage());
    }
}
"""

VAULT_CONTAINER = """\
package org.acme.embedded.vault;

import org.testcontainers.containers.GenericContainer;

public class SecretsContainer extends GenericContainer<SecretsContainer> {

    private final SecretsProperties properties;

    public SecretsContainer(SecretsProperties properties) {
        super(properties.getDockerImage());
        this.properties = properties;
    }
}
"""

VAULT_PROPERTIES = """\
package org.acme.embedded.vault;

import lombok.Getter;

@Getter
public class SecretsProperties {
    private String dockerImage = "acme/secrets:1.4.0";
}
"""


def test_a_properties_class_field_default_is_the_image_its_configuration_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "embedded-cache/src/main/java/org/acme/embedded/cache/CacheProperties.java": CACHE_PROPERTIES,
        "embedded-cache/src/main/java/org/acme/embedded/cache/EmbeddedCacheConfiguration.java": CACHE_CONFIGURATION,
        "embedded-columns/src/main/java/org/acme/embedded/columns/ColumnsProperties.java": COLUMNS_PROPERTIES,
        "embedded-columns/src/main/java/org/acme/embedded/columns/EmbeddedColumnsConfiguration.java": (
            COLUMNS_CONFIGURATION
        ),
        "embedded-vault/src/main/java/org/acme/embedded/vault/SecretsContainer.java": VAULT_CONTAINER,
        "embedded-vault/src/main/java/org/acme/embedded/vault/SecretsProperties.java": VAULT_PROPERTIES,
    }
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        (
            "embedded-cache/src/main/java/org/acme/embedded/cache/EmbeddedCacheConfiguration.java",
            10,
            "acme/cache:7.2-alpine",
        ),
        (
            "embedded-columns/src/main/java/org/acme/embedded/columns/EmbeddedColumnsConfiguration.java",
            9,
            "acme/columns-server:21.3",
        ),
        (
            "embedded-columns/src/main/java/org/acme/embedded/columns/EmbeddedColumnsConfiguration.java",
            14,
            "acme/columns-proxy:1.0",
        ),
        ("embedded-vault/src/main/java/org/acme/embedded/vault/SecretsContainer.java", 10, "acme/secrets:1.4.0"),
    ]
