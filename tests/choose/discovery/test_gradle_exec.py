"""A Gradle build's Exec tasks that run docker: `commandLine "docker", "pull", "alpine:3.19"` (Groovy's command
expression), `commandLine("docker", ...)`, `commandLine = listOf(...)`, read by the scripts' rules."""

from __future__ import annotations

from ecr_mirror.choose.discovery.gradle_exec import gradle_exec_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in

GROOVY = """\
plugins { id 'java' }

task pullTestBase(type: Exec) {
    commandLine "docker", "pull", "alpine:3.19"
}

task pullPinned(type: Exec) {
    commandLine 'docker', 'pull',
        'ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
}

task startDb(type: Exec) {
    // commandLine "docker", "pull", "mysql:5.6"
    commandLine 'docker', 'run', '-d', '--name', "db-${project.name}", '-p', '5432:5432', 'postgres:15-alpine'
}

task removeImage(type: Exec) {
    ignoreExitValue true
    commandLine "docker", "rmi", "busybox:1.36"
}

task buildImage(type: Exec) {
    commandLine "docker", "build", "--tag", "acme/app:1.0", "${buildDir}/docker"
}

task saveImage(type: Exec) {
    commandLine "docker", "save", "-o", "${buildDir}/alpine.tar", "alpine:3.19"
}

task echoIt(type: Exec) {
    commandLine "echo", "docker", "pull", "nginx:1.25"
}

task pullConfigured(type: Exec) {
    commandLine "docker", "pull", testImage
}
"""

KOTLIN = """\
tasks.register<Exec>("pullRedis") {
    commandLine("docker", "pull", "redis:7.2")
}

tasks.register<Exec>("runKafka") {
    commandLine = listOf("docker", "run", "--rm", "-d", "apache/kafka:3.7.0")
}

val pullOther by tasks.registering {
    doLast {
        exec { commandLine("podman", "pull", "quay.io/prometheus/busybox:latest") }
    }
}
"""


def test_groovy_exec_tasks_pull_and_run() -> None:
    found = gradle_exec_images(GROOVY, "build.gradle")
    listed = [(item.text, item.line, item.use) for item in found if item.problem is None]
    assert listed == [
        ("alpine:3.19", 4, "docker pull"),
        ("ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 9, "docker pull"),
        ("postgres:15-alpine", 14, "docker run"),
    ]
    unresolved = [item for item in found if item.problem is not None]
    assert [(item.line, item.text) for item in unresolved] == [(35, "${testImage}")]
    assert {item.kind for item in found} == {"Gradle build (Exec task)"}


def test_kotlin_dsl_exec_tasks() -> None:
    found = gradle_exec_images(KOTLIN, "build.gradle.kts")
    assert [(item.text, item.line) for item in found] == [
        ("redis:7.2", 2),
        ("apache/kafka:3.7.0", 6),
        ("quay.io/prometheus/busybox:latest", 11),
    ]


def test_read_with_the_gradle_build_file() -> None:
    texts = [item.text for item in images_in(Kind.JIB, GROOVY, "build.gradle") if item.problem is None]
    assert texts == ["alpine:3.19", "ubuntu@sha256:" + "0123456789abcdef" * 4, "postgres:15-alpine"]


def test_a_string_with_an_unclosed_template_is_not_read() -> None:
    # Groovy reads `"alpine:${tag"` on past its `"` (the template is open): where the string ends is not known, so
    # it is read as an argument that cannot be read (the list up to it), not as an image holding a `${` reference
    build = """\
task pullIt(type: Exec) {
    commandLine "docker", "pull", "alpine:${tag"
}

task runIt(type: Exec) {
    commandLine("docker", "run", "-e", "A=${a", "postgres:16")
}

task pullPinned(type: Exec) {
    commandLine 'docker', 'pull', 'alpine:3.19', "x-${a}-${b"
}
"""
    found = gradle_exec_images(build, "build.gradle")
    assert [(item.text, item.line, item.problem) for item in found] == [("alpine:3.19", 10, None)]
