"""jenkins_commands.py: the shell commands a Jenkinsfile runs through a shared library's helper given the command
as a string (`OsTools.runSafe(this, "docker ...")`), and Groovy's `\\"` escapes in a step's string, read as the shell
gets them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.buildx_builders import buildx_builder_images
from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.jenkins_commands import jenkins_commands

PIPELINE = """\
@Library('ci-library') _
import com.example.jenkins.OsTools

node('linux') {
  stage('Release') {
    OsTools.runSafe(this, "docker buildx create --driver-opt=\\"image=moby/buildkit:v0.23.2\\" --use")
    runCommand("docker pull registry.example.com/tools/scanner:2")
    echo("docker pull not-pulled:1 is only printed")
    sh "docker run --rm -e \\"GREETING=hello world\\" alpine:3.22 env"
  }
}
"""


def test_a_helper_s_command_string_and_groovy_escapes_are_read_as_the_shell_gets_them() -> None:
    text = jenkins_commands(PIPELINE)
    assert text.count("\n") == PIPELINE.count("\n")  # lines kept
    assert [(item.line, item.text) for item in buildx_builder_images(text, "Jenkinsfile")] == [
        (6, "moby/buildkit:v0.23.2")
    ]
    assert sorted((item.line, item.text) for item in docker_runs(text, "Jenkinsfile")) == [
        (7, "registry.example.com/tools/scanner:2"),
        (9, "alpine:3.22"),
    ]
