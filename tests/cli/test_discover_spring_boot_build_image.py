"""`ecr-mirror discover` lists the images Spring Boot's Maven plugin pulls to build an image with Cloud Native
Buildpacks (`spring-boot:build-image`, https://docs.spring.io/spring-boot/maven-plugin/build-image.html): the
`<image>` configuration's `<builder>`, `<runImage>` and each `<buildpacks>` entry that is an image reference (not a
`urn:cnb:builder:` buildpack of the builder, not a `file://` or directory path), `${name}` from the POM's
properties, and again with each `-Dname=value` a CI step's Maven run gives the module it builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PARENT = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <artifactId>acme-parent</artifactId>
    <modules>
        <module>server</module>
        <module>worker</module>
    </modules>
</project>
"""

SERVER = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <parent>
        <artifactId>acme-parent</artifactId>
    </parent>
    <artifactId>server</artifactId>
    <properties>
        <cnb.builder>paketobuildpacks/builder-jammy-java-tiny:0.1.40</cnb.builder>
        <cnb.java>paketobuildpacks/java:18.0.0</cnb.java>
    </properties>
    <build>
        <plugins>
            <plugin>
                <groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-maven-plugin</artifactId>
                <configuration>
                    <image>
                        <name>acme/server:${project.version}</name>
                        <builder>${cnb.builder}</builder>
                        <runImage>paketobuildpacks/run-jammy-tiny:0.2.50</runImage>
                        <buildpacks>
                            <buildpack>urn:cnb:builder:paketo-buildpacks/java</buildpack>
                            <buildpack>${cnb.java}</buildpack>
                            <buildpack>docker://paketobuildpacks/opentelemetry:2.1.0</buildpack>
                            <buildpack>file:///tmp/buildpacks/acme</buildpack>
                            <buildpack>./buildpacks/local</buildpack>
                        </buildpacks>
                    </image>
                </configuration>
            </plugin>
        </plugins>
    </build>
</project>
"""

WORKER = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <parent>
        <artifactId>acme-parent</artifactId>
    </parent>
    <artifactId>worker</artifactId>
    <build>
        <plugins>
            <plugin>
                <groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-maven-plugin</artifactId>
            </plugin>
        </plugins>
    </build>
</project>
"""

WORKFLOW = """\
name: Release
on: [push]
jobs:
  images:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: mvn -pl server spring-boot:build-image -B -Dcnb.builder=heroku/builder:24
"""


def test_the_builder_run_image_and_buildpacks_of_spring_boot_build_image_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"pom.xml": PARENT, "server/pom.xml": SERVER, "worker/pom.xml": WORKER, ".github/workflows/r.yml": WORKFLOW},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"]) for r in records if r["file"].endswith("pom.xml")}
    assert rows == {
        ("server/pom.xml", 19, "paketobuildpacks/builder-jammy-java-tiny:0.1.40"),
        ("server/pom.xml", 19, "heroku/builder:24"),
        ("server/pom.xml", 20, "paketobuildpacks/run-jammy-tiny:0.2.50"),
        ("server/pom.xml", 23, "paketobuildpacks/java:18.0.0"),
        ("server/pom.xml", 24, "paketobuildpacks/opentelemetry:2.1.0"),
    }
    uses = {r["reference"]: r["use"] for r in records}
    assert uses["paketobuildpacks/builder-jammy-java-tiny:0.1.40"] == "spring-boot-maven-plugin <builder>"
    assert ".github/workflows/r.yml:8" in uses["heroku/builder:24"]
    assert all("acme/server" not in r["reference"] for r in records)  # the image it builds, not pulled
