"""An image the fabric8 docker-maven-plugin builds (`docker:build` puts it in the local Docker daemon,
https://dmp.fabric8.io/#docker-build) is built here for the files of the Maven module that builds it: its compose
file, the manifests its scripts load into kind, under the module's directory; the files in the directory of the POM
that aggregates the module (`<modules>`), which a `mvn -f aggregator/pom.xml` builds first; and the Dockerfiles the
plugin builds in the aggregator's other modules (the same reactor: `COPY --from` the image a sibling module built).
A use of the same published name (a namespace, `latest`) anywhere else in the tree, a sibling module's packaged
compose file or an example, is still the published image, which the tree's users pull."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree


def _plugin(name: str) -> str:
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <artifactId>{name.rsplit("/", maxsplit=1)[-1].partition(":")[0]}</artifactId>
    <profiles>
        <profile>
            <id>it</id>
            <build>
                <plugins>
                    <plugin>
                        <groupId>io.fabric8</groupId>
                        <artifactId>docker-maven-plugin</artifactId>
                        <configuration>
                            <images>
                                <image>
                                    <name>{name}</name>
                                    <build>
                                        <contextDir>${{project.basedir}}</contextDir>
                                    </build>
                                </image>
                            </images>
                        </configuration>
                        <executions>
                            <execution>
                                <goals>
                                    <goal>build</goal>
                                </goals>
                            </execution>
                        </executions>
                    </plugin>
                </plugins>
            </build>
        </profile>
    </profiles>
</project>
"""


def _aggregator(*modules: str, maven4: bool = False) -> str:
    """An aggregating POM; `maven4`: model 4.1.0's `<subprojects>` (https://maven.apache.org/ref/4.0.0/maven-model/
    maven.html)."""
    item, items, model = ("subproject", "subprojects", "4.1.0") if maven4 else ("module", "modules", "4.0.0")
    listed = "\n".join(f"        <{item}>{module}</{item}>" for module in modules)
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>{model}</modelVersion>
    <artifactId>aggregator</artifactId>
    <packaging>pom</packaging>
    <{items}>
{listed}
    </{items}>
</project>
"""


def _compose(image: str) -> str:
    return f"""\
services:
  cache:
    image: redis:7.2
  gateway:
    image: {image}
    ports:
      - "9195:9195"
"""


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gateway
spec:
  template:
    spec:
      containers:
        - name: gateway
          image: acme/gateway-it-http:latest
          imagePullPolicy: IfNotPresent
"""

COPIES_PLUGIN = """\
FROM eclipse-temurin:17-jre
COPY --from=acme/gateway-it-custom:latest /plugins /opt/gateway/ext-lib
"""

TREE = {
    "pom.xml": _aggregator("integration", "dist"),
    "integration/pom.xml": _aggregator("it-http", "it-upload"),
    "integration/it-http/pom.xml": _plugin("acme/gateway-it-http"),
    "integration/it-http/docker-compose.yml": _compose("acme/gateway-it-http:latest"),
    "integration/it-http/deploy/gateway.yaml": DEPLOYMENT,
    "integration/it-upload/pom.xml": _aggregator("custom-plugin", "upload-admin", "upload-docs"),
    "integration/it-upload/custom-plugin/pom.xml": _plugin("acme/gateway-it-custom:latest"),
    "integration/it-upload/upload-admin/Dockerfile": COPIES_PLUGIN,
    "integration/it-upload/upload-admin/pom.xml": _plugin("acme/gateway-it-admin:latest"),
    "integration/it-upload/docker-compose.yml": _compose("acme/gateway-it-admin:latest"),
    # near shapes: the same published names outside the building module and its aggregator's directory
    "dist/pom.xml": _aggregator("gateway-dist", "compose-dist"),
    "dist/gateway-dist/pom.xml": _plugin("acme/gateway:latest"),
    "dist/compose-dist/src/main/resources/docker-compose.yaml": _compose("acme/gateway:latest"),
    "examples/http/docker-compose.yml": _compose("acme/gateway-it-http:latest"),
    "integration/it-upload/upload-docs/pom.xml": _aggregator(),
    "integration/it-upload/upload-docs/Dockerfile": COPIES_PLUGIN,
    "integration/it-http-copy/docker-compose.yml": _compose("acme/gateway-it-http:latest"),
}


BUILT_HERE = {
    ("integration/it-http/docker-compose.yml", 5, "acme/gateway-it-http:latest", "built-here"),
    ("integration/it-http/deploy/gateway.yaml", 10, "acme/gateway-it-http:latest", "built-here"),
    ("integration/it-upload/docker-compose.yml", 5, "acme/gateway-it-admin:latest", "built-here"),
    ("integration/it-upload/upload-admin/Dockerfile", 2, "acme/gateway-it-custom:latest", "built-here"),
}


def _rows(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {
        (r["file"], r["line"], r["reference"], r["status"])
        for r in records
        if r["reference"] and "acme/" in r["reference"] and not r["file"].endswith("pom.xml")
    }


def test_images_a_maven_module_builds_are_built_in_its_module_and_aggregator_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert {row for row in rows if row[0].startswith("integration/it-")} >= BUILT_HERE


def test_the_same_published_names_elsewhere_in_the_tree_are_still_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert {
        ("dist/compose-dist/src/main/resources/docker-compose.yaml", 5, "acme/gateway:latest", "public"),
        ("examples/http/docker-compose.yml", 5, "acme/gateway-it-http:latest", "public"),
        ("integration/it-http-copy/docker-compose.yml", 5, "acme/gateway-it-http:latest", "public"),
        ("integration/it-upload/upload-docs/Dockerfile", 2, "acme/gateway-it-custom:latest", "public"),
    } <= rows


def test_a_build_in_the_top_pom_keeps_its_published_name_pulled_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The top POM's module is the whole tree: its examples pull the published image, as before."""
    write_tree(
        tmp_path,
        {"pom.xml": _plugin("acme/app:latest"), "examples/docker-compose.yml": _compose("acme/app:latest")},
    )
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert rows == {("examples/docker-compose.yml", 5, "acme/app:latest", "public")}


def _profile_aggregator(*modules: str) -> str:
    listed = "\n".join(f"                <module>{module}</module>" for module in modules)
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <artifactId>aggregator</artifactId>
    <packaging>pom</packaging>
    <profiles>
        <profile>
            <id>it</id>
            <modules>
{listed}
            </modules>
        </profile>
    </profiles>
</project>
"""


@pytest.mark.parametrize("aggregator", [functools.partial(_aggregator, maven4=True), _profile_aggregator])
def test_subprojects_and_a_profiles_modules_are_the_aggregators_modules(
    aggregator: Callable[..., str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        **TREE,
        "integration/pom.xml": aggregator("it-http", "it-upload"),
        "integration/it-upload/pom.xml": aggregator("custom-plugin", "upload-admin", "upload-docs"),
    }
    write_tree(tmp_path, tree)
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert {row for row in rows if row[0].startswith("integration/it-")} >= BUILT_HERE
