"""`ecr-mirror discover` on Java tests that build their container's image with Testcontainers' Dockerfile DSL
(`new ImageFromDockerfile().withDockerfileFromBuilder(builder -> builder.from("mongo:5.0.2")...build())`): the base
image the build pulls is listed; `from(...)` of other APIs (`Flux.from(publisher)`) is not. A container started from
the string `"null"` (a placeholder of a disabled test) is no image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

CONTAINER = """\
package org.acme.cdc;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;

import reactor.core.publisher.Flux;

public class ShardedDocumentContainer extends GenericContainer<ShardedDocumentContainer> {

    private static final String DOCKER_IMAGE_NAME = "acme/docstore:5.0.2";

    public ShardedDocumentContainer() {
        super(
                new ImageFromDockerfile()
                        .withFileFromClasspath("setup.js", "docker/docstore/setup.js")
                        .withDockerfileFromBuilder(
                                builder ->
                                        builder.from(DOCKER_IMAGE_NAME)
                                                .copy("setup.js", "/docker-entrypoint-initdb.d/setup.js")
                                                .build()));
    }

    public static ImageFromDockerfile sidecar() {
        return new ImageFromDockerfile()
                .withDockerfileFromBuilder(b -> {
                    b.from("acme/sidecar:2.1");
                    b.run("true");
                });
    }

    Flux<String> events(Flux<String> upstream) {
        return Flux.from("acme/not-an-image:1");
    }
}
"""

DISABLED = """\
package org.acme.jdbc;

import org.junit.jupiter.api.Disabled;
import org.testcontainers.containers.GenericContainer;

@Disabled
public class CloudWarehouseIT {

    private static final String DOCKER_IMAGE = "null";

    public void startUp() {
        GenericContainer<?> server = new GenericContainer<>(DOCKER_IMAGE);
    }
}
"""


def test_the_base_image_of_a_dockerfile_dsl_build_is_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "src/test/java/org/acme/cdc/ShardedDocumentContainer.java": CONTAINER,
        "src/test/java/org/acme/jdbc/CloudWarehouseIT.java": DISABLED,
    }
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("src/test/java/org/acme/cdc/ShardedDocumentContainer.java", 10, "acme/docstore:5.0.2", "public"),
        ("src/test/java/org/acme/cdc/ShardedDocumentContainer.java", 26, "acme/sidecar:2.1", "public"),
    ]
