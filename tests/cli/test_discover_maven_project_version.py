"""The fabric8 docker-maven-plugin builds an `<image>` with a `<build>` under its `<name>`, which a POM writes with
Maven's built-in `${project.version}`: the POM's `<version>`, else its parent's (https://maven.apache.org/pom.html
#inheritance, https://maven.apache.org/ref/current/maven-model-builder/#model-interpolation). wso2/
product-microgateway's `adapter/pom.xml`, `wso2/choreo-connect-adapter:${project.version}` under a parent at
`1.3.0-m1-SNAPSHOT`, builds the image its compose files then run (set ZZZS, 4 extras): the uses are built here, not
pulled. A name with a property no POM gives stays unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_PARENT = """\
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.acme</groupId>
  <artifactId>gateway-parent</artifactId>
  <version>1.3.0-m1-SNAPSHOT</version>
  <packaging>pom</packaging>
  <modules><module>adapter</module></modules>
</project>
"""

_ADAPTER = """\
<project>
  <parent>
    <groupId>org.acme</groupId>
    <artifactId>gateway-parent</artifactId>
    <version>1.3.0-m1-SNAPSHOT</version>
  </parent>
  <artifactId>adapter</artifactId>
  <build>
    <plugins>
      <plugin>
        <groupId>io.fabric8</groupId>
        <artifactId>docker-maven-plugin</artifactId>
        <configuration>
          <images>
            <image>
              <name>acme/gateway-adapter:${project.version}</name>
              <build>
                <contextDir>${project.basedir}/src/main/resources</contextDir>
              </build>
            </image>
          </images>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""

_COMPOSE = """\
services:
  adapter:
    image: acme/gateway-adapter:1.3.0-m1-SNAPSHOT
  router:
    image: acme/gateway-router:1.2.0
"""


def test_a_name_built_at_the_project_version_is_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"pom.xml": _PARENT, "adapter/pom.xml": _ADAPTER, "resources/docker-compose/docker-compose.yaml": _COMPOSE},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["status"]) for r in records) == [
        ("acme/gateway-adapter:1.3.0-m1-SNAPSHOT", "built-here"),
        ("acme/gateway-router:1.2.0", "public"),
    ]
