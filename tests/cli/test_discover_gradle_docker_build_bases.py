"""A Gradle build file that builds images with the Docker plugin's `DockerBuildImage` tasks (com.bmuschko.docker-remote-
api) and hands them the base image as build arguments (`buildArgs.set(mapOf("baseImageName" to ..., "baseImageHash"
to ...))`, the Dockerfile saying `FROM ${baseImageName}@sha256:${baseImageHash}`): each digest-pinned image literal of
the file is a base such a build pulls. A literal with no digest, a file without such a task, and one whose tasks
pass no build arguments give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

BUILD = """\
import com.bmuschko.gradle.docker.tasks.image.DockerBuildImage

plugins {
  id("com.bmuschko.docker-remote-api")
}

val servers = mapOf(
  "tomcat" to listOf("9.0.90", "10.1.25"),
)

fun baseImage(jdk: String): String = when (jdk) {
  "11" -> "eclipse-temurin:11.0.23_9-jdk@sha256:0000000000000000000000000000000000000000000000000000000000000011"
  "17" -> "eclipse-temurin:17.0.11_9-jdk@sha256:0000000000000000000000000000000000000000000000000000000000000017"
  "ea" -> "openjdk:$jdk"
  else -> throw GradleException("Unexpected jdk version: $jdk")
}

tasks {
  for ((server, versions) in servers) {
    for (jdk in listOf("11", "17")) {
      register<DockerBuildImage>("${server}Image-jdk$jdk") {
        val parts = baseImage(jdk).split("@")
        images.add("ghcr.io/acme/smoke-$server:jdk$jdk")
        buildArgs.set(mapOf("baseImageName" to parts[0], "baseImageHash" to parts[1].removePrefix("sha256:")))
      }
    }
  }
}
"""

DOCKERFILE = "ARG baseImageName\nARG baseImageHash\nFROM ${baseImageName}@sha256:${baseImageHash}\n"

# no DockerBuildImage task: a digest written for another purpose (a report, a check)
OTHER = """\
plugins { id("java") }

val scanned = "redis:7.2@sha256:0000000000000000000000000000000000000000000000000000000000000072"
"""


def test_digest_pinned_bases_of_a_docker_plugin_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "images/servlet/build.gradle.kts": BUILD,
            "images/servlet/src/tomcat.dockerfile": DOCKERFILE,
            "tools/build.gradle.kts": OTHER,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = sorted((r["reference"], r["file"], r["line"], r["status"]) for r in records if r["status"] != "unresolved")
    digest = "@sha256:00000000000000000000000000000000000000000000000000000000000000"
    assert listed == [
        ("eclipse-temurin:11.0.23_9-jdk" + digest + "11", "images/servlet/build.gradle.kts", 12, "public"),
        ("eclipse-temurin:17.0.11_9-jdk" + digest + "17", "images/servlet/build.gradle.kts", 13, "public"),
    ]
