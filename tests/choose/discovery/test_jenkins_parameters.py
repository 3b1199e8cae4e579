"""The images a Jenkinsfile's build parameters named for an image default to, which its steps hand to the commands
they run (jenkins_parameters.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jenkins_parameters import parameter_images

PIPELINE = """\
pipeline {
  agent any
  parameters {
    string(name: 'server_image', defaultValue: 'acme/server:7.6.0', description: 'Server to test')
    string(name: 'exporterImage', defaultValue: 'ghcr.io/acme/exporter:1.0.9')
    string(name: 'unused_image', defaultValue: 'acme/unused:1.0')
    string(name: 'builder_image', defaultValue: 'acme/builder')
    string(name: 'refspec', defaultValue: 'refs/heads/main')
    string(name: 'server_image_version', defaultValue: '7.6.0')
  }
  stages {
    stage('Test') {
      steps {
        sh "./bin/e2e -server-image ${params.server_image} -builder ${params.builder_image} -ref ${params.refspec}"
        sh 'go test ./test/e2e -args -exporter-image ${exporterImage} -version ${server_image_version}'
      }
    }
  }
}
"""


def test_a_parameter_named_for_an_image_that_a_step_uses_gives_its_default() -> None:
    found = parameter_images(PIPELINE, "ci/Jenkinsfile")
    assert [(item.line, item.text, item.use) for item in found] == [
        (4, "acme/server:7.6.0", "server_image (parameter default)"),
        (5, "ghcr.io/acme/exporter:1.0.9", "exporterImage (parameter default)"),
    ]


def test_a_commented_out_use_is_no_use() -> None:
    text = PIPELINE.replace('        sh "./bin/e2e', '        // sh "./bin/e2e')
    assert [item.text for item in parameter_images(text, "ci/Jenkinsfile")] == ["ghcr.io/acme/exporter:1.0.9"]
