"""`ecr-mirror discover` reads a Jib base image (`jib-maven-plugin`'s `<from><image>`) written with a property the
POM's parent declares: a module's `${jib.base.image}` takes the value of the parent POM's `<properties>`, up the chain
of `<parent>` POMs in the tree (https://maven.apache.org/pom.html#Inheritance: properties are inherited; the parent is
found at `<relativePath>`, `../pom.xml` by default), and a profile's own properties first when the plugin is declared
in that profile. A property no POM of the chain declares stays unresolved, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PARENT = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <groupId>org.acme</groupId>
    <artifactId>shop</artifactId>
    <version>1.4.0</version>
    <packaging>pom</packaging>
    <modules>
        <module>orders</module>
        <module>billing</module>
        <module>audit</module>
    </modules>
    <properties>
        <jib.base.image>eclipse-temurin:21-jre-alpine</jib.base.image>
        <jib.version>3.4.4</jib.version>
    </properties>
</project>
"""

MODULE = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <parent>
        <groupId>org.acme</groupId>
        <artifactId>shop</artifactId>
        <version>1.4.0</version>
    </parent>
    <artifactId>{name}</artifactId>
    <profiles>
        <profile>
            <id>publish-image</id>
            <properties>
                <billing.base>gcr.io/distroless/java21-debian12:nonroot</billing.base>
            </properties>
            <build>
                <plugins>
                    <plugin>
                        <groupId>com.google.cloud.tools</groupId>
                        <artifactId>jib-maven-plugin</artifactId>
                        <version>${{jib.version}}</version>
                        <configuration>
                            <from>
                                <image>{image}</image>
                            </from>
                            <to>
                                <image>docker.io/acme/{name}:${{project.version}}</image>
                            </to>
                        </configuration>
                    </plugin>
                </plugins>
            </build>
        </profile>
    </profiles>
</project>
"""


def test_a_jib_base_takes_the_parent_poms_and_the_profiles_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "pom.xml": PARENT,
            "orders/pom.xml": MODULE.format(name="orders", image="${jib.base.image}"),
            "billing/pom.xml": MODULE.format(name="billing", image="${billing.base}"),
            "audit/pom.xml": MODULE.format(name="audit", image="${audit.base.image}"),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert rows == {
        ("orders/pom.xml", 24, "eclipse-temurin:21-jre-alpine", "public"),
        ("billing/pom.xml", 24, "gcr.io/distroless/java21-debian12:nonroot", "public"),
        ("audit/pom.xml", 24, None, "unresolved"),
    }
    (audit,) = [r for r in records if r["file"] == "audit/pom.xml"]
    assert "${audit.base.image}" in audit["reason"]


def test_a_parent_outside_the_tree_gives_no_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = MODULE.format(name="orders", image="${jib.base.image}").replace(
        "<version>1.4.0</version>\n    </parent>", "<version>1.4.0</version>\n        <relativePath/>\n    </parent>"
    )
    write_tree(tmp_path, {"pom.xml": PARENT, "orders/pom.xml": module})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["file"], r["status"]) for r in records] == [("orders/pom.xml", "unresolved")]
