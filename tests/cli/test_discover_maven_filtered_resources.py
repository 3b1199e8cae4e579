"""`ecr-mirror discover` reads a Kubernetes manifest that Maven copies with resource filtering
(https://maven.apache.org/plugins/maven-resources-plugin/examples/filter.html) with the POM's properties: a file under
a `<resource>` or `<testResource>` directory declared with `<filtering>true</filtering>` has its `${name}` replaced by
the POM's properties (its parents' too, and a profile's when the resource is declared in that profile) when the build
copies it, so `image: ${image.db}` is the image the POM names. A directory copied without filtering, or a property no
POM gives, stays unresolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PARENT = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <groupId>org.acme</groupId>
    <artifactId>acme-build</artifactId>
    <version>1.0</version>
    <properties>
        <registry>quay.io/acme</registry>
    </properties>
</project>
"""

SYSTEM_TESTS = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <parent>
        <groupId>org.acme</groupId>
        <artifactId>acme-build</artifactId>
        <version>1.0</version>
    </parent>
    <artifactId>acme-system-tests</artifactId>
    <properties>
        <db.image>${registry}/example-db:2.6</db.image>
        <ocp.image.db>${db.image}</ocp.image.db>
    </properties>
    <profiles>
        <profile>
            <id>systemITs</id>
            <properties>
                <queue.image>quay.io/acme/queue:3.1</queue.image>
            </properties>
            <build>
                <testResources>
                    <testResource>
                        <directory>src/test/resources</directory>
                        <filtering>true</filtering>
                    </testResource>
                    <testResource>
                        <directory>src/test/raw</directory>
                        <filtering>false</filtering>
                    </testResource>
                </testResources>
            </build>
        </profile>
    </profiles>
</project>
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
        - name: {name}
          image: {image}
"""


def test_filtered_test_resources_take_the_poms_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "pom.xml": PARENT,
            "system/pom.xml": SYSTEM_TESTS,
            "system/src/test/resources/db/deployment.yaml": DEPLOYMENT.format(name="db", image="${ocp.image.db}"),
            "system/src/test/resources/queue/deployment.yaml": DEPLOYMENT.format(name="queue", image="${queue.image}"),
            "system/src/test/resources/cache/deployment.yaml": DEPLOYMENT.format(
                name="cache", image="${ocp.image.cache}"
            ),
            "system/src/test/raw/deployment.yaml": DEPLOYMENT.format(name="raw", image="${ocp.image.db}"),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["kind"], r["reference"], r["status"]) for r in records}
    assert rows == {
        (
            "system/src/test/resources/db/deployment.yaml",
            16,
            "Kubernetes manifest",
            "quay.io/acme/example-db:2.6",
            "public",
        ),
        (
            "system/src/test/resources/queue/deployment.yaml",
            16,
            "Kubernetes manifest",
            "quay.io/acme/queue:3.1",
            "public",
        ),
        ("system/src/test/resources/cache/deployment.yaml", 16, "Kubernetes manifest", None, "unresolved"),
        ("system/src/test/raw/deployment.yaml", 16, "Kubernetes manifest", None, "unresolved"),
    }
    (filtered,) = [r for r in records if r["reference"] == "quay.io/acme/example-db:2.6"]
    assert "system/pom.xml" in filtered["use"]
