"""`ecr-mirror discover` lists the images Groovy tests (Spock specifications) start with Testcontainers; a Groovy
file that is a pipeline is still read as one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SPEC = """\
package com.example.limits

import org.testcontainers.containers.GenericContainer
import org.testcontainers.spock.Testcontainers
import org.testcontainers.utility.DockerImageName
import spock.lang.Specification

@Testcontainers
class RateLimitSpec extends Specification {

    GenericContainer cache = new GenericContainer("valkey/valkey:8.0-alpine")
        .withExposedPorts(6379)

    static final String SEARCH = 'opensearchproject/opensearch'

    def search = new GenericContainer(DockerImageName.parse(SEARCH).withTag('2.11.0'))

    // new GenericContainer("commented/out:1")
}
"""

TREE = {
    "limits/src/test/groovy/com/example/limits/RateLimitSpec.groovy": SPEC,
    # Groovy that mentions no Testcontainers import: nothing is read from it
    "limits/src/test/groovy/com/example/limits/Fixtures.groovy": 'def image = new FakeContainer("not/pulled:1")\n',
    "ci/release.groovy": "pipeline {\n  agent { docker { image 'gradle:8.10-jdk17' } }\n}\n",
}


def test_groovy_testcontainers_images_are_listed_and_pipelines_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = [
        (r["file"], r["line"], r["kind"], r["use"], r["reference"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    spec = "limits/src/test/groovy/com/example/limits/RateLimitSpec.groovy"
    assert records == [
        ("ci/release.groovy", 2, "Jenkinsfile", "image", "gradle:8.10-jdk17"),
        (spec, 11, "Groovy source", "testcontainers", "valkey/valkey:8.0-alpine"),
        (spec, 14, "Groovy source", "testcontainers", "opensearchproject/opensearch:2.11.0"),
    ]
