"""The Gradle Docker plugin's `Dockerfile` tasks: the `from` image of the Dockerfile each writes, which the
`DockerBuildImage` task building it pulls; and the conventions' `baseImage`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.gradle_dockerfile_tasks import dockerfile_task_bases
from ecr_mirror.choose.discovery.kinds import Kind, images_in

GROOVY = """\
import com.bmuschko.gradle.docker.tasks.image.Dockerfile
import com.bmuschko.gradle.docker.tasks.image.DockerBuildImage

task copyDist(type: Copy) {
    from 'src/dist'
    into "${buildDir}/docker"
}

task createTestDockerfile(type: Dockerfile) {
    destFile = project.file("${buildDir}/images/test/Dockerfile")
    from 'centos@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
    environmentVariable('LANG', 'en_US.UTF-8')
    runCommand 'yum install -y bacula-client'
}

task createAppDockerfile(type: Dockerfile) {
    // from 'debian:11'
    from "eclipse-temurin:${javaVersion}-jre"
    copyFile 'app.jar', '/app/app.jar'
}

task buildTestImage(type: DockerBuildImage, dependsOn: createTestDockerfile) {
    inputDir = file("${buildDir}/images/test")
    images.add('acme/test:1.0')
}

docker {
    springBootApplication {
        baseImage = 'eclipse-temurin:17-jre-alpine'
        images = ['acme/app:latest']
    }
}
"""

KOTLIN = """\
import com.bmuschko.gradle.docker.tasks.image.Dockerfile

val createDockerfile by tasks.creating(Dockerfile::class) {
    from(Dockerfile.From("ubuntu:22.04").withStage("builder"))
    from("gcr.io/distroless/java17-debian12:nonroot")
}

tasks.register<Dockerfile>("otherDockerfile") {
    from("alpine:3.20")
}

tasks.register<Copy>("stage") {
    from("build/libs")
}

docker {
    javaApplication {
        baseImage.set("amazoncorretto:21")
    }
}
"""


def test_groovy_dockerfile_tasks_and_convention() -> None:
    found = dockerfile_task_bases(GROOVY, "build.gradle")
    listed = [(item.text, item.line, item.use) for item in found if item.problem is None]
    assert listed == [
        ("centos@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 11, "Dockerfile task from"),
        ("eclipse-temurin:17-jre-alpine", 29, "springBootApplication baseImage"),
    ]
    unresolved = [(item.text, item.line) for item in found if item.problem is not None]
    assert unresolved == [("eclipse-temurin:${javaVersion}-jre", 18)]


def test_kotlin_dockerfile_tasks_and_convention() -> None:
    found = dockerfile_task_bases(KOTLIN, "build.gradle.kts")
    assert [(item.text, item.line) for item in found] == [
        ("ubuntu:22.04", 4),
        ("gcr.io/distroless/java17-debian12:nonroot", 5),
        ("alpine:3.20", 9),
        ("amazoncorretto:21", 18),
    ]


def test_no_plugin_no_reading() -> None:
    text = "task copyDist(type: Copy) {\n    from 'src/dist'\n}\n"
    assert dockerfile_task_bases(text, "build.gradle") == []


def test_read_with_the_gradle_build_file() -> None:
    texts = [item.text for item in images_in(Kind.JIB, KOTLIN, "build.gradle.kts")]
    assert texts == ["ubuntu:22.04", "gcr.io/distroless/java17-debian12:nonroot", "alpine:3.20", "amazoncorretto:21"]


MICRONAUT_GROOVY = """\
plugins {
    id("io.micronaut.application") version "4.5.3"
}
tasks.named("dockerfileNative") {
    baseImage = "amazonlinux:2023"
    args("-XX:MaximumHeapSizePercent=80")
}
tasks.named('dockerfile') {
    // https://www.graalvm.org/latest/docs/getting-started/container-images/
    baseImage("ghcr.io/graalvm/jdk:ol8-java17-22.3.2")
}
tasks.named("dockerBuildNative") {
    images = ["acme-starter"]
}
"""

MICRONAUT_KOTLIN = """\
tasks.named<io.micronaut.gradle.docker.MicronautDockerfile>("dockerfile") {
    baseImage.set("eclipse-temurin:21-jre-alpine")
}
dockerfileNative {
    baseImage "gcr.io/distroless/cc-debian12:nonroot"
}
"""


def test_the_micronaut_plugins_dockerfile_tasks_base_images() -> None:
    """The Micronaut Gradle plugin's `dockerfile` and `dockerfileNative` tasks write the Dockerfile its docker builds
    build, `FROM` their `baseImage` (https://micronaut-projects.github.io/micronaut-gradle-plugin/latest/#_docker_support):
    set by assignment, a call, or Kotlin's `.set(...)`."""
    groovy = [(i.text, i.line, i.use) for i in dockerfile_task_bases(MICRONAUT_GROOVY, "build.gradle")]
    assert groovy == [
        ("amazonlinux:2023", 5, "dockerfileNative baseImage"),
        ("ghcr.io/graalvm/jdk:ol8-java17-22.3.2", 10, "dockerfile baseImage"),
    ]
    kotlin = [(i.text, i.line) for i in dockerfile_task_bases(MICRONAUT_KOTLIN, "build.gradle.kts")]
    assert kotlin == [("eclipse-temurin:21-jre-alpine", 2), ("gcr.io/distroless/cc-debian12:nonroot", 5)]
