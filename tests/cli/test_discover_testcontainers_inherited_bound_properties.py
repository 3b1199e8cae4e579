"""`ecr-mirror discover` on a library of Spring Boot auto-configurations whose image field is declared once, in an
abstract properties class without a prefix (`CommonContainerProperties`'s `private String dockerImage;`, read by a
helper, `setupImage(properties.getDockerImage())` then `DockerImageName.parse(imageName)`), each module's subclass
binding it under its own prefix (`@ConfigurationProperties("embedded.db") class DbProperties extends
CommonContainerProperties`): Spring binds the inherited field under the subclass's prefix, so `embedded.db.docker-image`
set by a test (`@TestPropertySource`) or in a properties file of the module's resources (`bootstrap.properties` of
the tests, a file a configuration loads with `@PropertySource`) is an image the tests start, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

COMMON = """\
package org.acme.embedded.common;

import lombok.Data;

@Data
public abstract class CommonContainerProperties {

    private String dockerImage;

    private long waitTimeoutInSeconds = 60;
}
"""

UTILS = """\
package org.acme.embedded.common;

import org.testcontainers.utility.DockerImageName;

public final class ContainerImages {

    public static DockerImageName imageOf(CommonContainerProperties properties) {
        String custom = properties.getDockerImage();
        return setupImage(custom, properties);
    }

    private static DockerImageName setupImage(String imageName, CommonContainerProperties properties) {
        DockerImageName image = DockerImageName.parse(imageName);
        return image;
    }
}
"""

DB_PROPERTIES = """\
package org.acme.embedded.db;

import lombok.Data;
import org.acme.embedded.common.CommonContainerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

@Data
@ConfigurationProperties("embedded.db")
public class DbProperties extends CommonContainerProperties {
    private String user = "acme";
}
"""

DB_TEST = """\
package org.acme.embedded.db;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
        "embedded.db.docker-image=acme/timeseries-db:latest-pg16"
})
class TimeseriesImageTest {
}
"""

BOOTSTRAP = """\
embedded.db.user=tester
embedded.db.docker-image=acme/db:15.2-alpine
embedded.db.wait-timeout-in-seconds=180
"""

LOADED = """\
# loaded by @PropertySource("classpath:/embedded-enterprise-db.properties")
embedded.db.dockerImage = acme/db-enterprise:7.0.4
"""

# a key of another prefix, and a file outside a module's resources: not read
OTHER = "embedded.cache.docker-image=acme/cache:1.0\n"


def test_an_inherited_image_field_s_property_under_a_subclass_prefix_is_read_in_tests_and_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "common/src/main/java/org/acme/embedded/common/CommonContainerProperties.java": COMMON,
        "common/src/main/java/org/acme/embedded/common/ContainerImages.java": UTILS,
        "db/src/main/java/org/acme/embedded/db/DbProperties.java": DB_PROPERTIES,
        "db/src/main/resources/embedded-enterprise-db.properties": LOADED,
        "db/src/test/java/org/acme/embedded/db/TimeseriesImageTest.java": DB_TEST,
        "db/src/test/resources/bootstrap.properties": BOOTSTRAP,
        "db/src/test/resources/cache.properties": OTHER,
        "db/docs/example.properties": BOOTSTRAP.replace("15.2", "9.9"),
    }
    rows = sorted((row[0], row[1], row[3], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys))
    assert rows == [
        (
            "db/src/main/resources/embedded-enterprise-db.properties",
            2,
            "embedded.db.dockerImage (property)",
            "acme/db-enterprise:7.0.4",
        ),
        (
            "db/src/test/java/org/acme/embedded/db/TimeseriesImageTest.java",
            6,
            "embedded.db.docker-image (property)",
            "acme/timeseries-db:latest-pg16",
        ),
        ("db/src/test/resources/bootstrap.properties", 2, "embedded.db.docker-image (property)", "acme/db:15.2-alpine"),
    ]
