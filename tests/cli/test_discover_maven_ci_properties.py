"""`ecr-mirror discover` reads the properties and profiles a CI step gives Maven (`-Dname=value`, `-Pa,b`) over the
POMs it builds (`-pl module`), for the images of their docker-maven-plugin: a user property given with `-D` overrides
the POM's own (https://maven.apache.org/guides/introduction/introduction-to-the-pom.html), and a profile given with
`-P` adds its properties. The command is read in a workflow's `run:` step over the job's matrix, and in a local
composite action's `run:` step (`uses: ./.github/actions/build-db`) with the `with:` inputs each calling step gives
over its job's matrix, else the inputs' defaults (https://docs.github.com/en/actions/sharing-automations/
creating-actions/metadata-syntax-for-github-actions#inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PARENT = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <artifactId>acme-build</artifactId>
    <properties>
        <version.db.server>8.2</version.db.server>
    </properties>
    <modules>
        <module>connector-db</module>
        <module>tools</module>
    </modules>
</project>
"""

MODULE = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <parent>
        <artifactId>acme-build</artifactId>
    </parent>
    <artifactId>connector-db</artifactId>
    <properties>
        <db.image.source>mirror.gcr.io/library/mysql</db.image.source>
    </properties>
    <build>
        <plugins>
            <plugin>
                <groupId>io.fabric8</groupId>
                <artifactId>docker-maven-plugin</artifactId>
                <configuration>
                    <images>
                        <image>
                            <name>acme/db-test-database</name>
                            <build>
                                <from>${db.image.source}:${version.db.server}</from>
                            </build>
                        </image>
                    </images>
                </configuration>
            </plugin>
        </plugins>
    </build>
    <profiles>
        <profile>
            <id>db-legacy</id>
            <properties>
                <version.db.server>5.7</version.db.server>
            </properties>
        </profile>
    </profiles>
</project>
"""

TOOLS = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <parent>
        <artifactId>acme-build</artifactId>
    </parent>
    <artifactId>tools</artifactId>
</project>
"""

ACTION = """\
name: "Build the DB connector"
inputs:
  version-db-server:
    description: "The database server version"
    required: false
    default: "8.4"
  only-build:
    required: false
    default: "false"
runs:
  using: "composite"
  steps:
    - name: Build
      shell: bash
      run: >
        ./mvnw clean install -B -pl connector-db -am
        -Dversion.db.server=${{ inputs.version-db-server }}
        ${{ inputs.only-build == 'true' && '-DskipTests=true' || '' }}
"""

WORKFLOW = """\
name: DB builds
on: [push]
jobs:
  build-db:
    strategy:
      matrix:
        version: [ "8.0", "9.1" ]
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build DB ${{ matrix.version }}
        uses: ./.github/actions/build-db
        with:
          version-db-server: ${{ matrix.version }}
  build-default:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/build-db
  build-legacy:
    runs-on: ubuntu-latest
    steps:
      - run: ./mvnw verify -B -pl connector-db -Pdb-legacy
      - run: ./mvnw verify -B -pl tools -Dversion.db.server=7.0
      - run: mvn verify -Dversion.db.server=${{ secrets.DB_VERSION }}
"""


def test_ci_maven_properties_and_profiles_reach_the_docker_maven_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "pom.xml": PARENT,
            "connector-db/pom.xml": MODULE,
            "tools/pom.xml": TOOLS,
            ".github/actions/build-db/action.yml": ACTION,
            ".github/workflows/db.yml": WORKFLOW,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["kind"], r["reference"], r["status"]) for r in records}
    pom = "connector-db/pom.xml"
    assert rows == {
        (pom, 20, "Maven POM", f"mirror.gcr.io/library/mysql:{version}", "public")
        for version in ("8.2", "8.0", "9.1", "8.4", "5.7")
    }
    uses = {r["reference"]: r["use"] for r in records}
    assert uses["mirror.gcr.io/library/mysql:8.2"] == "docker-maven-plugin <from>"
    assert ".github/actions/build-db/action.yml:16" in uses["mirror.gcr.io/library/mysql:9.1"]
    assert ".github/workflows/db.yml:12" in uses["mirror.gcr.io/library/mysql:9.1"]
    assert ".github/workflows/db.yml:22" in uses["mirror.gcr.io/library/mysql:5.7"]
