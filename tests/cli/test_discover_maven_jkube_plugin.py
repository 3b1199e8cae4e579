"""`ecr-mirror discover` reads the base images Eclipse JKube's Maven plugins build from (`org.eclipse.jkube`'s
`kubernetes-maven-plugin` and `openshift-maven-plugin`, and the `fabric8-maven-plugin` they succeed): their
`<images>` take the docker-maven-plugin's image configuration, and `k8s:build` (`oc:build`) builds an `<image>` with a
`<build>` from its `<from>`, which it pulls (https://eclipse.dev/jkube/docs/kubernetes-maven-plugin/, "Image
configuration", "Build configuration"). An `<image>` without a `<build>` is only named in the manifests the plugin
writes; the plugin does not start it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

POM = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <groupId>org.acme</groupId>
    <artifactId>orders-service</artifactId>
    <version>1.0.0</version>
    <properties>
        <jkube.version>1.18.1</jkube.version>
        <base.image.version>1.20</base.image.version>
    </properties>
    <build>
        <plugins>
            <plugin>
                <groupId>org.eclipse.jkube</groupId>
                <artifactId>kubernetes-maven-plugin</artifactId>
                <version>${jkube.version}</version>
                <configuration>
                    <images>
                        <image>
                            <name>acme/orders-service:%l</name>
                            <alias>orders</alias>
                            <build>
                                <from>registry.access.redhat.com/ubi9/openjdk-17:${base.image.version}</from>
                                <assembly>
                                    <targetDir>/deployments</targetDir>
                                </assembly>
                            </build>
                        </image>
                        <image>
                            <name>acme/only-in-manifests:2</name>
                        </image>
                    </images>
                </configuration>
            </plugin>
        </plugins>
    </build>
    <profiles>
        <profile>
            <id>openshift</id>
            <build>
                <plugins>
                    <plugin>
                        <groupId>org.eclipse.jkube</groupId>
                        <artifactId>openshift-maven-plugin</artifactId>
                        <configuration>
                            <images>
                                <image>
                                    <name>acme/orders-service</name>
                                    <build>
                                        <from>eclipse-temurin:17-jre</from>
                                    </build>
                                </image>
                            </images>
                        </configuration>
                    </plugin>
                </plugins>
            </build>
        </profile>
    </profiles>
</project>
"""


def test_jkube_maven_plugins_build_bases_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [(row[0], row[1], row[3], row[4]) for row in tree_rows({"pom.xml": POM}, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("pom.xml", 23, "kubernetes-maven-plugin <from>", "registry.access.redhat.com/ubi9/openjdk-17:1.20"),
        ("pom.xml", 50, "openshift-maven-plugin <from>", "eclipse-temurin:17-jre"),
    ]
