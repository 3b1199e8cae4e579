"""Jib's base images (pulled) and target images (built here) in build.gradle, build.gradle.kts and pom.xml."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jib import jib_builds, jib_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

GRADLE = """\
plugins {
    id 'java'
    id 'com.google.cloud.tools.jib' version '3.4.4'
}

def baseImage = 'eclipse-temurin:21-jre'

jib {
    from {
        image = 'eclipse-temurin:17-jre-alpine'
        platforms {
            platform {
                architecture = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64"
                os = 'linux'
            }
        }
    }
    to {
        image = 'acme-ledger'
        tags = ["${project.version}", 'latest', 'ci']
    }
    container {
        mainClass = 'org.acme.Ledger'
        ports = ['8080/tcp']
    }
}
"""

KOTLIN = """\
plugins { id("com.google.cloud.tools.jib") version "3.4.4" }
jib {
    from {
        image = "gcr.io/distroless/java21-debian12:nonroot"
    }
    to.image = "ghcr.io/acme/billing:1.2"
}
"""

DOTTED = """\
jib.from.image = "${baseImage}"
jib.to.image = 'acme/dotted'
"""

POM = """\
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <properties>
    <jib.base>amazoncorretto:21-al2023</jib.base>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <configuration><from><image>not/jib:1</image></from></configuration>
      </plugin>
      <plugin>
        <groupId>com.google.cloud.tools</groupId>
        <artifactId>jib-maven-plugin</artifactId>
        <version>3.4.4</version>
        <configuration>
          <from>
            <image>${jib.base}</image>
          </from>
          <to>
            <image>acme/orders</image>
            <tags><tag>1.0</tag></tags>
          </to>
        </configuration>
      </plugin>
      <plugin>
        <artifactId>jib-maven-plugin</artifactId>
        <configuration><from><image>${parent.base}</image></from></configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_gradle_base_image_is_pulled_and_target_with_tags_built() -> None:
    assert [(i.text, i.line, i.problem) for i in jib_images(GRADLE, "build.gradle")] == [
        ("eclipse-temurin:17-jre-alpine", 10, None)
    ]
    assert [(b.name, b.line) for b in jib_builds(GRADLE, "build.gradle")] == [
        ("acme-ledger", 19),
        ("acme-ledger:latest", 20),
        ("acme-ledger:ci", 20),
    ]


def test_kotlin_dsl_and_dotted_forms() -> None:
    assert [i.text for i in jib_images(KOTLIN, "build.gradle.kts")] == ["gcr.io/distroless/java21-debian12:nonroot"]
    assert [b.name for b in jib_builds(KOTLIN, "build.gradle.kts")] == ["ghcr.io/acme/billing:1.2"]
    (unknown,) = jib_images(DOTTED, "build.gradle")
    assert unknown.text == "${baseImage}" and "baseImage" in (unknown.problem or "")
    assert [b.name for b in jib_builds(DOTTED, "build.gradle")] == ["acme/dotted"]


def test_maven_plugin_configuration_with_properties() -> None:
    found = [(i.text, i.line, i.problem) for i in jib_images(POM, "pom.xml")]
    assert found[0] == ("amazoncorretto:21-al2023", 18, None)
    assert found[1][0] == "${parent.base}" and "parent.base" in (found[1][2] or "")
    assert len(found) == 2
    assert [b.name for b in jib_builds(POM, "pom.xml")] == ["acme/orders", "acme/orders:1.0"]


def test_build_files_are_a_kind_read_by_name() -> None:
    for name in ("build.gradle", "app/build.gradle.kts", "service/pom.xml"):
        assert kind_of(name) is Kind.JIB
    assert kind_of("settings.gradle") is None
    assert images_in(Kind.JIB, "plugins { id 'java' }\n", "build.gradle") == []
    assert [i.kind for i in images_in(Kind.JIB, GRADLE, "build.gradle")] == ["Jib build file"]
