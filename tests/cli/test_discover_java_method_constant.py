"""`ecr-mirror discover` reads a Java constant bound to a call of a method of the same file that takes no arguments
(`private static final String REGISTRY_IMAGE = registryImage();`) as the literals, names and joins the method
returns (`return "acme/schema-registry:" + CONFLUENT_VERSION;`), as a part of a join is already read: the image a
test class starts its container from, at the line of the join."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

UTILS = """\
package org.acme.flink;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

public class ContainerUtils {

  private static final String CONFLUENT_VERSION = "7.6.0";
  private static final String REGISTRY_IMAGE = registryImage();
  private static final String LOADER_IMAGE = loaderImage();

  static GenericContainer<?> makeRegistryContainer(Network network) {
    return new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE)).withNetwork(network);
  }

  static GenericContainer<?> makeLoaderContainer(Network network) {
    return new GenericContainer<>(DockerImageName.parse(LOADER_IMAGE)).withNetwork(network);
  }

  private static String registryImage() {
    return "acme/schema-registry:" + CONFLUENT_VERSION;
  }

  private static String loaderImage() {
    return System.getenv("LOADER_IMAGE");
  }
}
"""


def test_a_constant_bound_to_a_method_of_the_file_holds_what_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # near shape: a method that returns an environment variable gives nothing known
    monkeypatch.chdir(tmp_path)
    name = "src/test/java/org/acme/flink/ContainerUtils.java"
    records = tree_records({name: UTILS}, tmp_path, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["reference"]} == {
        (name, 22, "acme/schema-registry:7.6.0", "public"),
    }
