"""`ecr-mirror discover` on a Java Testcontainers source joining its image with a constant of another class of the
tree (`DockerImageName.parse("acme/fake-collector:" + CollectorVersions.COLLECTOR_VERSION)`, the versions kept in one
class, `public static final String COLLECTOR_VERSION = "20240101.1";`): the constant's value is the tag. A class
two files of the tree declare with different values, a class the tree does not hold, and a constant that is not a
literal give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

VERSIONS = """\
package org.acme.smoketest;

// versions of the images the publish workflows push
public class CollectorVersions {

  public static final String COLLECTOR_VERSION = "20240101.1";

  static final String AGENT_VERSION = computed();

  private CollectorVersions() {}
}
"""

ENVIRONMENT = """\
package org.acme.smoketest;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

class CollectorEnvironment {

  private GenericContainer<?> backend;

  void start() {
    backend =
        new GenericContainer<>(
                DockerImageName.parse(
                    "ghcr.io/acme/fake-collector:"
                        + CollectorVersions.COLLECTOR_VERSION))
            .withExposedPorts(8080);
    backend.start();
    new GenericContainer<>("ghcr.io/acme/agent:" + CollectorVersions.AGENT_VERSION).start();
    new GenericContainer<>("ghcr.io/acme/relay:" + Shared.RELAY_VERSION).start();
    new GenericContainer<>("ghcr.io/acme/sidecar:" + Upstream.SIDECAR_VERSION).start();
  }
}
"""

SHARED_A = 'package org.acme.a;\n\npublic class Shared {\n  public static final String RELAY_VERSION = "1.0";\n}\n'
SHARED_B = 'package org.acme.b;\n\npublic class Shared {\n  public static final String RELAY_VERSION = "2.0";\n}\n'


def test_a_join_with_another_class_constant_takes_its_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = "src/test/java/org/acme/"
    write_tree(
        tmp_path,
        {
            base + "smoketest/CollectorVersions.java": VERSIONS,
            base + "smoketest/CollectorEnvironment.java": ENVIRONMENT,
            base + "a/Shared.java": SHARED_A,
            base + "b/Shared.java": SHARED_B,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"], r["status"]) for r in records) == [
        ("ghcr.io/acme/fake-collector:20240101.1", base + "smoketest/CollectorEnvironment.java", 14, "public"),
    ]
