"""`ecr-mirror discover` on a Testcontainers module library whose container classes keep their image as a
`DockerImageName` constant and the tag as a string constant (`public static final DockerImageName DEFAULT_IMAGE_NAME
= DockerImageName.parse("memcached");`, `public static final String DEFAULT_TAG = "1.6-alpine";`), started by the
module's tests from another file (`new MemcachedContainer(MemcachedContainer.DEFAULT_IMAGE_NAME.withTag(
MemcachedContainer.DEFAULT_TAG))`): the image pulled is the constant's repository with the tag given, at the line of
the test's use. A subclass inherits its parent's static fields (JLS 8.3), so `EnterpriseContainer.DEFAULT_IMAGE_NAME`
is the constant its abstract parent declares."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MEMCACHED = """\
package org.acme.containers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class MemcachedContainer extends GenericContainer<MemcachedContainer> {

    public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("memcached");

    public static final String DEFAULT_TAG = "1.6-alpine";

    public MemcachedContainer(final DockerImageName dockerImageName) {
        super(dockerImageName);
        withExposedPorts(11211);
    }
}
"""

MEMCACHED_TEST = """\
package org.acme.containers;

import org.junit.jupiter.api.Test;

class MemcachedContainerTests {

    private static final MemcachedContainer server = new MemcachedContainer(
            MemcachedContainer.DEFAULT_IMAGE_NAME.withTag(MemcachedContainer.DEFAULT_TAG));

    @Test
    void starts() {
        server.start();
    }
}
"""

ABSTRACT_ENTERPRISE = """\
package org.acme.enterprise;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public abstract class AbstractEnterpriseContainer<T extends AbstractEnterpriseContainer<T>>
        extends GenericContainer<T> {

    public static final DockerImageName DEFAULT_IMAGE_NAME =
            DockerImageName.parse("acme/enterprise-server");

    protected AbstractEnterpriseContainer(DockerImageName dockerImageName) {
        super(dockerImageName);
    }
}
"""

ENTERPRISE = """\
package org.acme.enterprise;

import org.testcontainers.utility.DockerImageName;

public class EnterpriseContainer extends AbstractEnterpriseContainer<EnterpriseContainer> {

    public EnterpriseContainer(DockerImageName dockerImageName) {
        super(dockerImageName);
    }
}
"""

ENTERPRISE_TEST = """\
package org.acme.enterprise;

import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
class EnterpriseContainerTests {

    private static final EnterpriseContainer container = new EnterpriseContainer(
            EnterpriseContainer.DEFAULT_IMAGE_NAME.withTag("7.4.6-102"));
}
"""


def test_a_docker_image_name_constant_of_another_class_is_read_with_the_tag_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "memcached/src/main/java/org/acme/containers/MemcachedContainer.java": MEMCACHED,
        "memcached/src/test/java/org/acme/containers/MemcachedContainerTests.java": MEMCACHED_TEST,
        "enterprise/src/main/java/org/acme/enterprise/AbstractEnterpriseContainer.java": ABSTRACT_ENTERPRISE,
        "enterprise/src/main/java/org/acme/enterprise/EnterpriseContainer.java": ENTERPRISE,
        "enterprise/src/test/java/org/acme/enterprise/EnterpriseContainerTests.java": ENTERPRISE_TEST,
    }
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        (
            "enterprise/src/test/java/org/acme/enterprise/EnterpriseContainerTests.java",
            9,
            "acme/enterprise-server:7.4.6-102",
        ),
        ("memcached/src/test/java/org/acme/containers/MemcachedContainerTests.java", 8, "memcached:1.6-alpine"),
    ]


def test_an_inherited_string_constant_is_the_parent_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = 'package org.acme;\n\npublic class BaseImages {\n    public static final String TAG = "3.9";\n}\n'
    child = "package org.acme;\n\npublic class Images extends BaseImages {\n}\n"
    test = (
        "package org.acme;\n\nimport org.testcontainers.containers.GenericContainer;\n\nclass ZkTest {\n"
        '    GenericContainer<?> zk = new GenericContainer<>("zookeeper:" + Images.TAG);\n}\n'
    )
    tree = {"src/BaseImages.java": parent, "src/Images.java": child, "src/ZkTest.java": test}
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [("src/ZkTest.java", 6, "zookeeper:3.9")]
