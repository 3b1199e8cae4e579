"""`ecr-mirror discover` reads Jib's configuration in a Gradle build script of any name: a script plugin a build
applies (`apply from: 'gradle/jib.gradle'`) or a build file a run names (`gradle -b build-tomcat.gradle jib`, a
test project's variant), as it reads `build.gradle`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

BUILD = """\
plugins {
  id 'java'
  id 'com.google.cloud.tools.jib' version '3.4.4'
}

apply from: 'gradle/jib.gradle'
"""

SCRIPT_PLUGIN = """\
jib {
  from {
    image = 'eclipse-temurin:21-jre-alpine'
  }
  to {
    image = 'ghcr.io/acme/orders:dev'
  }
}
"""

VARIANT = """\
plugins {
  id 'war'
  id 'com.google.cloud.tools.jib'
}

jib.from.image = 'tomcat:10-jre17-temurin-jammy'
"""

KOTLIN_VARIANT = """\
plugins { id("com.google.cloud.tools.jib") }

jib {
  from { image = "gcr.io/distroless/java21-debian12" }
}
"""


def test_jib_in_gradle_scripts_of_other_names_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "build.gradle": BUILD,
        "gradle/jib.gradle": SCRIPT_PLUGIN,
        "projects/war/build-tomcat.gradle": VARIANT,
        "projects/api/build-distroless.gradle.kts": KOTLIN_VARIANT,
        "settings.gradle": "rootProject.name = 'orders'\n",
    }
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    pulled = sorted((file, ref) for file, _, _, _, ref, status in records if status == "public")
    assert pulled == [
        ("gradle/jib.gradle", "eclipse-temurin:21-jre-alpine"),
        ("projects/api/build-distroless.gradle.kts", "gcr.io/distroless/java21-debian12:latest"),
        ("projects/war/build-tomcat.gradle", "tomcat:10-jre17-temurin-jammy"),
    ]
