"""`ecr-mirror discover` on a Gradle Jib base image written with a project property
(`from.image = "eclipse-temurin:$targetJDK"` after `val targetJDK = project.findProperty("targetJDK") ?: "17"`):
the property's default, and each value a workflow's `gradlew` run of a Jib task gives it with `-PtargetJDK=...`
(an env value of the job too), at the `from.image` line; a run of another task, or of a Jib task of another project
named by its path, gives nothing, and a base from an environment variable stays unresolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

APP_BUILD = """\
plugins {
  id("com.google.cloud.tools.jib")
}

val targetJDK = project.findProperty("targetJDK") ?: "17"

val tag = findProperty("tag") ?: "dev"

jib {
  from.image = "eclipse-temurin:$targetJDK"
  to.image = "ghcr.io/acme/app:jdk$targetJDK-$tag"
}
"""

OTHER_BUILD = """\
val baseJdk = System.getenv("BASE_JDK") ?: "21"

jib {
  from.image = "amazoncorretto:$baseJdk"
}
"""

API_BUILD = """\
val jdk = (project.findProperty("targetJDK") as String?) ?: "21"

jib {
  from.image = "eclipse-temurin:${jdk}-jre"
}
"""

WORKFLOW = """\
name: images
on:
  workflow_call:
    inputs:
      project:
        type: string
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      LATEST_JAVA_VERSION: 25
      PROJECT: ${{ inputs.project }}
    steps:
      - run: ./gradlew "$PROJECT:jibDockerBuild" -Ptag="$TAG" -PtargetJDK=8 -Djib.console=plain
      - run: ./gradlew ":images:app:jib" -PtargetJDK="$LATEST_JAVA_VERSION"
      - run: ./gradlew :images:app:test -PtargetJDK=11
      - run: ./gradlew :images:other:jibDockerBuild -PtargetJDK=19
"""


def test_a_jib_base_takes_the_project_property_values_of_the_ci_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "images/app/build.gradle.kts": APP_BUILD,
        "images/other/build.gradle.kts": OTHER_BUILD,
        "images/api/build.gradle.kts": API_BUILD,
        ".github/workflows/images.yml": WORKFLOW,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [row[3] for row in rows[2:4]] == [
        "jib from.image (the default of project property targetJDK)",
        "jib from.image (-PtargetJDK=8 of .github/workflows/images.yml:14)",
    ]
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("images/api/build.gradle.kts", 4, "eclipse-temurin:21-jre", "public"),
        ("images/api/build.gradle.kts", 4, "eclipse-temurin:8-jre", "public"),
        ("images/app/build.gradle.kts", 10, "eclipse-temurin:17", "public"),
        ("images/app/build.gradle.kts", 10, "eclipse-temurin:8", "public"),
        ("images/app/build.gradle.kts", 10, "eclipse-temurin:25", "public"),
        ("images/other/build.gradle.kts", 4, None, "unresolved"),
    ]
