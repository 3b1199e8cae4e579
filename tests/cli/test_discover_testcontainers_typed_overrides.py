"""`ecr-mirror discover` on a library of Spring Boot auto-configurations whose common code starts each container
from what a method of an abstract properties class returns (`String image = properties.getDefaultDockerImage();`
then `DockerImageName.parse(image)`, `properties` declared `BaseContainerProperties properties`), each module's
properties class overriding that method with its image: Java calls the override of the object's class (virtual
dispatch), so each override's image is pulled, at the line of its literal, though its file names no Testcontainers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

BASE_PROPERTIES = """\
package org.acme.embedded.common;

public abstract class BaseContainerProperties {

    private String dockerImage;

    public String getDockerImage() {
        return dockerImage;
    }

    /** The image of the module's container when none is configured. */
    public abstract String getDefaultDockerImage();
}
"""

IMAGES = """\
package org.acme.embedded.common;

import org.testcontainers.utility.DockerImageName;

public final class ImageNames {

    private ImageNames() {
    }

    public static DockerImageName imageOf(BaseContainerProperties properties) {
        String configured = properties.getDockerImage();
        String defaultImage = properties.getDefaultDockerImage();
        if (configured == null) {
            return DockerImageName.parse(defaultImage);
        }
        return DockerImageName.parse(configured);
    }
}
"""

VALKEY_PROPERTIES = """\
package org.acme.embedded.valkey;

import org.acme.embedded.common.BaseContainerProperties;

public class ValkeyProperties extends BaseContainerProperties {

    public int port = 6379;

    @Override
    public String getDefaultDockerImage() {
        // renovate: datasource=docker
        return "valkey/valkey:8.1-alpine";
    }
}
"""

ETCD_PROPERTIES = """\
package org.acme.embedded.etcd;

import org.acme.embedded.common.BaseContainerProperties;

public class EtcdProperties extends BaseContainerProperties {

    private static final String IMAGE = "quay.io/coreos/etcd:v3.5.17";

    @Override
    public String getDefaultDockerImage() {
        return IMAGE;
    }
}
"""

# a class of another hierarchy with a method of the same name: not what the helper is given
REPORT = """\
package org.acme.report;

public class ReportSettings extends AbstractSettings {

    public String getDefaultDockerImage() {
        return "acme/report-only:2";
    }
}
"""


def test_the_overrides_of_a_method_called_on_a_typed_parameter_before_parse_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "common/src/main/java/org/acme/embedded/common/BaseContainerProperties.java": BASE_PROPERTIES,
        "common/src/main/java/org/acme/embedded/common/ImageNames.java": IMAGES,
        "valkey/src/main/java/org/acme/embedded/valkey/ValkeyProperties.java": VALKEY_PROPERTIES,
        "etcd/src/main/java/org/acme/embedded/etcd/EtcdProperties.java": ETCD_PROPERTIES,
        "report/src/main/java/org/acme/report/ReportSettings.java": REPORT,
    }
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("etcd/src/main/java/org/acme/embedded/etcd/EtcdProperties.java", 7, "quay.io/coreos/etcd:v3.5.17"),
        ("valkey/src/main/java/org/acme/embedded/valkey/ValkeyProperties.java", 12, "valkey/valkey:8.1-alpine"),
    ]


def test_a_typed_call_whose_result_starts_nothing_gives_its_overrides_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    logged = IMAGES.replace("return DockerImageName.parse(defaultImage);", "System.out.println(defaultImage);")
    tree = {
        "common/src/main/java/org/acme/embedded/common/BaseContainerProperties.java": BASE_PROPERTIES,
        "common/src/main/java/org/acme/embedded/common/ImageNames.java": logged,
        "valkey/src/main/java/org/acme/embedded/valkey/ValkeyProperties.java": VALKEY_PROPERTIES,
    }
    assert tree_rows(tree, tmp_path, monkeypatch, capsys) == []
