"""Spring Boot's Gradle plugin `bootBuildImage` task: the builder, run image and image buildpacks it pulls
(https://docs.spring.io/spring-boot/gradle-plugin/packaging-oci-image.html#build-image.customization)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_boot_build_image import boot_build_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in
from tests.support.hang_guard import finishes

KOTLIN = """\
plugins {
    id("org.springframework.boot") version "3.5.0"
}

val runBase = "paketobuildpacks/run-jammy-tiny:0.2.51"

tasks {
    bootBuildImage {
        val registry = System.getenv("REGISTRY") ?: "ghcr.io"
        imageName.set("$registry/acme/orders:latest")
        builder.set("paketobuildpacks/builder-jammy-tiny")
        runImage.set(runBase)
        buildpacks.set(listOf("urn:cnb:builder:paketo-buildpacks/java", "docker://gcr.io/paketo-buildpacks/opentelemetry:2.1.0"))
        docker {
            builderRegistry {
                username.set("someone")
            }
        }
    }
}
"""

GROOVY = """\
plugins {
    id 'org.springframework.boot' version '3.3.1'
}

tasks.named("bootBuildImage") {
    builder = 'paketobuildpacks/builder-noble-java-tiny:0.0.12'
    runImage = "paketobuildpacks/ubuntu-noble-run-tiny:${runVersion}"
    buildpacks = ['gcr.io/paketo-buildpacks/java:18.0.0', 'file:///tmp/local-buildpack.tgz',
                  'paketo-buildpacks/ca-certificates']
    imageName = "acme/billing:${project.version}"
}
"""

KOTLIN_TYPED = """\
tasks.named<org.springframework.boot.gradle.tasks.bundling.BootBuildImage>("bootBuildImage") {
    builder = "bellsoft/buildpacks.builder:musl"
}
"""


def _listed(found: list[Found]) -> list[tuple[str, int | None, str]]:
    return [(item.text, item.line, item.use) for item in found if item.problem is None]


def test_kotlin_dsl_boot_build_image() -> None:
    found = boot_build_images(KOTLIN, "backend/build.gradle.kts")
    assert _listed(found) == [
        ("paketobuildpacks/builder-jammy-tiny", 11, "bootBuildImage builder"),
        ("gcr.io/paketo-buildpacks/opentelemetry:2.1.0", 13, "bootBuildImage buildpack"),
    ]
    # a name the script binds is a Gradle value here, unresolved (naming it)
    assert [(item.text, item.line) for item in found if item.problem is not None] == [("${runBase}", 12)]
    assert {item.kind for item in found} == {"Gradle build (Spring Boot bootBuildImage)"}


def test_groovy_named_task() -> None:
    found = boot_build_images(GROOVY, "build.gradle")
    assert _listed(found) == [
        ("paketobuildpacks/builder-noble-java-tiny:0.0.12", 6, "bootBuildImage builder"),
        ("gcr.io/paketo-buildpacks/java:18.0.0", 8, "bootBuildImage buildpack"),
        ("paketo-buildpacks/ca-certificates", 9, "bootBuildImage buildpack"),
    ]
    unresolved = [(item.text, item.line) for item in found if item.problem is not None]
    assert unresolved == [("paketobuildpacks/ubuntu-noble-run-tiny:${runVersion}", 7)]


def test_typed_task_and_read_with_the_build_file() -> None:
    assert _listed(boot_build_images(KOTLIN_TYPED, "build.gradle.kts")) == [
        ("bellsoft/buildpacks.builder:musl", 2, "bootBuildImage builder")
    ]
    texts = [item.text for item in images_in(Kind.JIB, KOTLIN, "build.gradle.kts") if item.problem is None]
    assert "paketobuildpacks/builder-jammy-tiny" in texts


def test_builder_outside_the_task_is_not_read() -> None:
    other = """\
val builder = "paketobuildpacks/builder:base"
tasks.register("other") {
    builder.set("paketobuildpacks/builder:full")
}
// bootBuildImage { builder = "a/b:c" }
"""
    assert boot_build_images(other, "build.gradle.kts") == []


def test_many_unclosed_blocks_finish() -> None:
    text = "bootBuildImage {\n" * 20000 + 'builder.set("a/b:1")\n{' * 20000 + " buildpacks = [" + "'x', " * 20000
    found = finishes(boot_build_images, text, "build.gradle.kts")
    assert (found[0].text, found[-1].text) == ("a/b:1", "x")
