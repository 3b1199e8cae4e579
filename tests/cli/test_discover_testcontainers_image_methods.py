"""`ecr-mirror discover` on a Java Testcontainers factory whose method taking one string returns the image name it
joins from that string and the file's own values (`DockerImageName imageName(String component) { return
DockerImageName.parse(String.format("%s/%s:%s", repository, component, tag)); }`, `repository` and `tag` fields
with literal defaults), each container started from a call of it (`new KafkaContainer(imageName("cp-kafka"))`):
each call's string joined so is an image, at the line of the string."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

FACTORY = """\
package org.acme.platform.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

public class PlatformContainers {

    String repository = "acme";

    String tag = "7.8.0";

    public KafkaContainer createBroker() {
        return new KafkaContainer(imageName("platform-broker"));
    }

    public GenericContainer<?> createRegistry() {
        return new GenericContainer<>(imageName("platform-registry"))
                .withExposedPorts(8081);
    }

    public GenericContainer<?> createGateway() {
        return new GenericContainer<>(gatewayImage("platform-gateway"));
    }

    DockerImageName imageName(String componentName) {
        return DockerImageName.parse(String.format("%s/%s:%s", repository, componentName, tag));
    }

    DockerImageName gatewayImage(String name) {
        return DockerImageName.parse("ghcr.io/" + repository + "/" + name + ":edge");
    }
}
"""


def test_the_strings_a_factory_method_joins_into_an_image_name_are_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"src/main/java/org/acme/platform/testing/PlatformContainers.java": FACTORY}
    rows = [(row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        (14, "acme/platform-broker:7.8.0"),
        (18, "acme/platform-registry:7.8.0"),
        (23, "ghcr.io/acme/platform-gateway:edge"),
    ]
