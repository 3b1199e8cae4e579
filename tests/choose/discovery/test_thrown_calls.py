"""Images a JVM test gives a container only inside an assertion that the call throws: the container is never
started (the constructor rejects the image), so nothing is pulled."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images
from ecr_mirror.choose.discovery.thrown_calls import thrown_spans
from tests.support.hang_guard import finishes

JAVA = """\
package io.example;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmulatorContainerTest {

    @Test
    void startsTheDefault() {
        try (EmulatorContainer container = new EmulatorContainer(DockerImageName.parse("acme/emulator:1.4"))) {
            container.start();
        }
    }

    @Test
    void rejectsAnIncompatibleImage() {
        assertThatThrownBy(() -> new EmulatorContainer(DockerImageName.parse("other/image:latest")))
                .isInstanceOf(IllegalStateException.class);
        assertThrows(IllegalStateException.class,
                () -> new EmulatorContainer(DockerImageName.parse("another/image:2")));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> new EmulatorContainer(DockerImageName.parse("third/image:3")));
        assertThrows(IllegalStateException.class, () -> client.call("not (an image)"));
        try (EmulatorContainer container = new EmulatorContainer(DockerImageName.parse("acme/emulator:1.5"))) {
            container.start();
        }
    }
}
"""


def test_an_image_inside_a_throwing_assertion_is_not_started() -> None:
    images = [item.text for item in started_images(JAVA, "src/test/java/io/example/EmulatorContainerTest.java")]
    assert images == ["acme/emulator:1.4", "acme/emulator:1.5"]


def test_unclosed_assertions_finish() -> None:
    text = 'assertThrows(X.class, () -> f("a("' * 100_000
    assert finishes(thrown_spans, text) is not None
