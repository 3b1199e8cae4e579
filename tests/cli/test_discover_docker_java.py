"""`ecr-mirror discover` reads the images a JVM test pulls through docker-java (`pullImageCmd`), and the docker
command lines and Dockerfile tasks of a Gradle build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PULL_IT = """\
package io.acme.it;

class PullIT {
    private static final String TAG = "3.20";

    void pulls() throws Exception {
        client.pullImageCmd("alpine").withTag(TAG).start().awaitCompletion();
    }
}
"""

BUILD_GRADLE = """\
task pullBase(type: Exec) {
    commandLine "docker", "pull", "debian:12-slim"
}

task writeDockerfile(type: Dockerfile) {
    from 'eclipse-temurin:21-jre'
}
"""


def test_docker_java_pulls_and_gradle_docker_tasks_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"src/test/java/io/acme/it/PullIT.java": PULL_IT, "build.gradle": BUILD_GRADLE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["use"]) for r in records} == {
        ("src/test/java/io/acme/it/PullIT.java", 7, "alpine:3.20", "pullImageCmd (docker-java)"),
        ("build.gradle", 2, "debian:12-slim", "docker pull"),
        ("build.gradle", 6, "eclipse-temurin:21-jre", "Dockerfile task from"),
    }
