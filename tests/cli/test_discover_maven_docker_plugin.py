"""`ecr-mirror discover` reads the images the fabric8 docker-maven-plugin pulls from a Maven POM
(https://dmp.fabric8.io/#image-configuration): an `<image>` with a `<build>` is built from its `<from>` (or
`<fromExt><name>`), which is pulled; one with only `<run>` is pulled by its `<name>` and started (`docker:start`).
`${name}` is taken from the POM's `<properties>`, then those of its parents (`<parent><relativePath>`, by default
`../pom.xml`), and, for a plugin declared in a `<profile>`, the profile's own properties first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

PARENT = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <groupId>org.acme</groupId>
    <artifactId>acme-build</artifactId>
    <version>1.0-SNAPSHOT</version>
    <packaging>pom</packaging>
    <properties>
        <version.pg.server>16</version.pg.server>
        <version.registry>2.6.1</version.registry>
        <registry.image>quay.io/acme/schema-registry</registry.image>
    </properties>
</project>
"""

MODULE = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <parent>
        <groupId>org.acme</groupId>
        <artifactId>acme-build</artifactId>
        <version>1.0-SNAPSHOT</version>
    </parent>
    <artifactId>acme-connector-pg</artifactId>
    <properties>
        <pg.image.source>mirror.gcr.io/library/postgres</pg.image.source>
    </properties>
    <build>
        <plugins>
            <plugin>
                <groupId>io.fabric8</groupId>
                <artifactId>docker-maven-plugin</artifactId>
                <configuration>
                    <images>
                        <image>
                            <!-- <from>commented/out:1.0</from> -->
                            <name>acme/pg-test-database</name>
                            <run>
                                <network>
                                    <name>acme-net</name>
                                </network>
                                <ports>
                                    <port>5432:5432</port>
                                </ports>
                            </run>
                            <build>
                                <from>${pg.image.source}:${version.pg.server}</from>
                                <runCmds>
                                    <run>echo ready</run>
                                </runCmds>
                            </build>
                        </image>
                        <image>
                            <name>${registry.image}:${version.registry}</name>
                            <run>
                                <ports>
                                    <port>8080:8080</port>
                                </ports>
                            </run>
                        </image>
                        <image>
                            <name>acme/pg-replica</name>
                            <build>
                                <fromExt>
                                    <name>${pg.image.source}:${version.pg.replica}</name>
                                </fromExt>
                            </build>
                        </image>
                        <image>
                            <name>acme/pg-tools</name>
                            <build>
                                <dockerFile>${project.basedir}/src/test/docker/Dockerfile.tools</dockerFile>
                            </build>
                        </image>
                    </images>
                </configuration>
            </plugin>
        </plugins>
    </build>
    <profiles>
        <profile>
            <id>legacy</id>
            <properties>
                <version.pg.server>12</version.pg.server>
            </properties>
            <build>
                <plugins>
                    <plugin>
                        <groupId>io.fabric8</groupId>
                        <artifactId>docker-maven-plugin</artifactId>
                        <configuration>
                            <images>
                                <image>
                                    <name>acme/pg-legacy-database</name>
                                    <build>
                                        <from>${pg.image.source}:${version.pg.server}</from>
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

OTHER_PLUGIN = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <artifactId>acme-other</artifactId>
    <build>
        <plugins>
            <plugin>
                <groupId>org.acme.tools</groupId>
                <artifactId>image-catalog-plugin</artifactId>
                <configuration>
                    <images>
                        <image>
                            <name>acme/catalog-entry:1.0</name>
                            <build>
                                <from>acme/catalog-base:1.0</from>
                            </build>
                        </image>
                    </images>
                </configuration>
            </plugin>
        </plugins>
    </build>
</project>
"""


def _rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> set[tuple[Any, ...]]:
    records = discover_records(tmp_path, monkeypatch, capsys)
    return {
        (r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"])
        for r in records
        if r["file"].endswith("pom.xml")
    }


def test_docker_maven_plugin_base_images_and_run_images_with_parent_and_profile_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"pom.xml": PARENT, "acme-connector-pg/pom.xml": MODULE})
    rows = _rows(tmp_path, monkeypatch, capsys)
    pom = "acme-connector-pg/pom.xml"
    assert rows == {
        (pom, 31, "Maven POM", "docker-maven-plugin <from>", "mirror.gcr.io/library/postgres:16", "public"),
        (pom, 38, "Maven POM", "docker-maven-plugin <name>", "quay.io/acme/schema-registry:2.6.1", "public"),
        (pom, 49, "Maven POM", "docker-maven-plugin <fromExt>", None, "unresolved"),
        (pom, 80, "Maven POM", "docker-maven-plugin <from>", "mirror.gcr.io/library/postgres:12", "public"),
    }


def test_docker_maven_plugin_unresolved_line_names_the_property(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"pom.xml": PARENT, "acme-connector-pg/pom.xml": MODULE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    (line,) = [r for r in records if r["status"] == "unresolved" and r["file"].endswith("pom.xml")]
    assert line["written"] == "${pg.image.source}:${version.pg.replica}"
    assert "version.pg.replica" in line["reason"]


def test_built_names_and_other_plugins_images_are_not_pulls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"pom.xml": PARENT, "acme-connector-pg/pom.xml": MODULE, "other/pom.xml": OTHER_PLUGIN})
    records = discover_records(tmp_path, monkeypatch, capsys)
    written = {r["written"] for r in records}
    assert not written & {"acme/pg-test-database", "acme/pg-tools", "acme/pg-legacy-database", "acme-net"}
    assert not written & {"acme/catalog-entry:1.0", "acme/catalog-base:1.0", "commented/out:1.0"}
