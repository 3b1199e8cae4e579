"""`ecr-mirror discover` reads the tag a Java Testcontainers source takes from a system property
(`DockerImageName.parse("repo").withTag(VERSION)` with `VERSION = System.getProperty("name", "8.0")`) with the values
the CI's Maven runs give that property (`-Dname=value` in a workflow's `run:` step or in a local composite action's,
over the caller's matrix: maven_ci.py), as Surefire and Failsafe hand the forked test JVM Maven's user properties
(https://maven.apache.org/surefire/maven-surefire-plugin/test-mojo.html#systemPropertyVariables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONTAINER = """\
package org.acme.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class StoreContainer extends GenericContainer<StoreContainer> {

    public static final String IMAGE_VERSION = System.getProperty("acme.store.version", "8.0");
    private static final DockerImageName IMAGE = DockerImageName.parse("quay.io/acme/store").withTag(IMAGE_VERSION);

    public StoreContainer() {
        super(IMAGE);
    }
}
"""

ACTION = """\
name: "Build the store connector"
inputs:
  version-store:
    required: false
    default: "6.0"
runs:
  using: "composite"
  steps:
    - shell: bash
      run: >
        ./mvnw clean verify -B -pl store-connector -am
        -Dacme.store.version=${{ inputs.version-store }}
        -Dacme.other.version=5.0
"""

WORKFLOW = """\
name: Store builds
on: [push]
jobs:
  build-store:
    strategy:
      matrix:
        version: [ "7.0", "8.0" ]
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/build-store
        with:
          version-store: ${{ matrix.version }}
"""


def test_ci_maven_property_gives_the_tag_of_a_testcontainers_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "store-testing/src/main/java/org/acme/testing/StoreContainer.java": CONTAINER,
            ".github/actions/build-store/action.yml": ACTION,
            ".github/workflows/store.yml": WORKFLOW,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    source = "store-testing/src/main/java/org/acme/testing/StoreContainer.java"
    rows = {(r["file"], r["line"], r["kind"], r["reference"], r["status"]) for r in records}
    assert rows == {
        (source, 9, "Java source", "quay.io/acme/store:8.0", "public"),
        (source, 9, "Java source", "quay.io/acme/store:7.0", "public"),
    }
    (seven,) = [r for r in records if r["reference"] == "quay.io/acme/store:7.0"]
    assert "-Dacme.store.version" in seven["use"] and ".github/actions/build-store/action.yml:11" in seven["use"]
