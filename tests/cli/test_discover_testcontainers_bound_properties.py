"""`ecr-mirror discover` on a Spring Boot test that sets the property a `@ConfigurationProperties` class binds to the
field a Testcontainers configuration starts its container from (`@TestPropertySource(properties =
"embedded.browser.image-name=acme/browser:3.141-debug")`, `BrowserProperties.imageName`, `new
BrowserWebDriverContainer<>(imageName)`): the value is an image the test starts, in any of the forms relaxed
binding reads (`image-name`, `imageName`); a property of a field no container takes is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

PROPERTIES = """\
package org.acme.embedded.browser;

import lombok.Data;
import org.springframework.boot.context.properties.ConfigurationProperties;

@Data
@ConfigurationProperties(prefix = "embedded.browser")
public class BrowserProperties {
    private String imageName;
    private String recorderImage;
    private String browser = "CHROME";
}
"""

CONFIGURATION = """\
package org.acme.embedded.browser;

import org.testcontainers.containers.BrowserWebDriverContainer;

public class EmbeddedBrowserConfiguration {

    public BrowserWebDriverContainer<?> browser(BrowserProperties properties) {
        String imageName = properties.getImageName();
        log.info("Recorder: {}", properties.getRecorderImage());
        return imageName != null
                ? new BrowserWebDriverContainer<>(imageName)
                : new BrowserWebDriverContainer<>();
    }
}
"""

OTHER_IMAGE_TEST = """\
package org.acme.embedded.browser;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
                "embedded.browser.browser=CHROMIUM",
                "embedded.browser.image-name=acme/browser:3.141-debug",
                "embedded.browser.recorder-image=acme/recorder:1.1"
        }
)
public class OtherImageTest {
}
"""

CAMEL_CASE_TEST = """\
package org.acme.embedded.browser;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "embedded.browser.imageName=acme/browser:4.0")
public class CamelCaseImageTest {
}
"""


def test_a_test_property_bound_to_a_started_field_is_an_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = "embedded-browser/src/"
    tree = {
        base + "main/java/org/acme/embedded/browser/BrowserProperties.java": PROPERTIES,
        base + "main/java/org/acme/embedded/browser/EmbeddedBrowserConfiguration.java": CONFIGURATION,
        base + "test/java/org/acme/embedded/browser/OtherImageTest.java": OTHER_IMAGE_TEST,
        base + "test/java/org/acme/embedded/browser/CamelCaseImageTest.java": CAMEL_CASE_TEST,
    }
    rows = [(row[0], row[1], row[3], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        (
            base + "test/java/org/acme/embedded/browser/CamelCaseImageTest.java",
            5,
            "embedded.browser.imageName (property)",
            "acme/browser:4.0",
        ),
        (
            base + "test/java/org/acme/embedded/browser/OtherImageTest.java",
            8,
            "embedded.browser.image-name (property)",
            "acme/browser:3.141-debug",
        ),
    ]
