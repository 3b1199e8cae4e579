"""Digest-pinned base images a Gradle build hands the Docker plugin's image builds as build arguments (pure).

The Gradle Docker plugin (https://bmuschko.github.io/gradle-docker-plugin/, `com.bmuschko.docker-remote-api`)
builds an image per `DockerBuildImage` task, and a build file that makes one task per server and JDK often picks the
base image in Kotlin or Groovy and passes it in `buildArgs` (`buildArgs.set(mapOf("jdkImageName" to ...,
"jdkImageHash" to ...))`, the Dockerfile saying `FROM ${jdkImageName}@sha256:${jdkImageHash}`), so the Dockerfile's
own reading leaves the base unresolved. Read: in a `build.gradle` or `build.gradle.kts` that names `DockerBuildImage`
and sets `buildArgs`, each string literal that is a whole image reference pinned by a digest
(`"eclipse-temurin:17.0.19_10-jdk@sha256:<64 hex digits>"`), at its line: a digest names the exact content a
build pulls, and such a file uses images only to build on them (opentelemetry-java-instrumentation's
`smoke-tests/images/servlet/build.gradle.kts`: eclipse-temurin, ibm-semeru-runtimes, open-liberty, payara). Not
read: a literal with a variable or without a digest (`"openjdk:$jdk"`: which values reach it is not known), and a
build file without such a task or without build arguments.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

KIND = "Gradle Docker plugin build"
_PINNED_RE = re.compile(r"""(?P<quote>["'])(?P<image>[\w./:-]+@sha256:[0-9a-f]{64})(?P=quote)""")
_TASK_RE = re.compile(r"\bDockerBuildImage\b")
_ARGS_RE = re.compile(r"\bbuildArgs\b")


def docker_build_bases(text: str, origin: str) -> list[Found]:
    """The digest-pinned image literals of a Gradle build file whose `DockerBuildImage` tasks take build
    arguments."""
    if _TASK_RE.search(text) is None or _ARGS_RE.search(text) is None:
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for match in _PINNED_RE.finditer(text):
        if reference_or_none(match["image"]) is None or lines.led_by(match.start(), "//"):
            continue
        found.append(
            Found(match["image"], origin, lines.line(match.start("image")), None, "DockerBuildImage base", KIND)
        )
    return found
