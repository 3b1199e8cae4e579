"""Jib configured through the Kotlin DSL's typed extension accessor, `extensions.configure<JibExtension> { ... }`
(also `configure<JibExtension> { }`), as a precompiled convention plugin of `build-logic` writes it
(https://docs.gradle.org/current/userguide/kotlin_dsl.html#project_extensions_and_conventions: `configure<T> {}`
configures the project's extension of type T, the `jib { }` block's own), and a base image given as a name the
script binds to a literal (`val baseImageName = "..."` then `from.image = baseImageName`); a name bound otherwise is
a Gradle value, unresolved."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jib import jib_builds, jib_images

CONVENTION = """\
import com.google.cloud.tools.jib.gradle.JibExtension

plugins {
    id("com.google.cloud.tools.jib")
}

extensions.configure<JibExtension> {
    val runtimeBase = "gcr.io/distroless/java21-debian12"
    from.image = runtimeBase
    to.image = "registry.example.com/acme/service"
    container {
        labels.putAll(mapOf("org.opencontainers.image.base.name" to runtimeBase))
    }
}
"""

TYPED = """\
configure<com.google.cloud.tools.jib.gradle.JibExtension> {
    from {
        image = "eclipse-temurin:21-jre-alpine"
    }
}
"""

UNBOUND = """\
val baseImage: String by project
jib {
    from { image = baseImage }
}
"""


def test_a_typed_extension_block_and_a_bound_name_are_read() -> None:
    found = jib_images(CONVENTION, "build-logic/src/main/kotlin/acme.docker.gradle.kts")
    assert [(item.text, item.line, item.problem) for item in found] == [("gcr.io/distroless/java21-debian12", 9, None)]
    builds = jib_builds(CONVENTION, "build-logic/src/main/kotlin/acme.docker.gradle.kts")
    assert [build.name for build in builds] == ["registry.example.com/acme/service"]
    found = jib_images(TYPED, "build.gradle.kts")
    assert [(item.text, item.line) for item in found] == [("eclipse-temurin:21-jre-alpine", 3)]


def test_a_name_bound_otherwise_is_unresolved_naming_it() -> None:
    found = jib_images(UNBOUND, "build.gradle.kts")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("${baseImage}", 3, "$baseImage is a Gradle value, known when the build runs")
    ]
