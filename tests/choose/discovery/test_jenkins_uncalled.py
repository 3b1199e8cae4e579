"""A Jenkinsfile's methods that nothing in the file calls: the images named in their bodies are not pulled."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jenkins_uncalled import uncalled_spans
from ecr_mirror.choose.discovery.jenkinsfile import jenkinsfile_images
from tests.support.hang_guard import finishes

JENKINSFILE = """\
node('docker') {
    stage('Build') {
        docker.image('golang:1.22').inside {
            sh 'make'
        }
    }
    stageUnitTests()
    def check = this.&stageReferenced
    check()
    sh "echo ${stageInString()}"
}

void stageUnitTests() {
    docker.image('postgres:16').withRun { sh 'make test' }
}

void stageReferenced() {
    docker.image('redis:7.4').pull()
}

String stageInString() {
    return docker.image('busybox:1.36').id
}

void stageLintResources() {
    String lintImage = "acme/kubelint:0.13"
    docker.image(lintImage).inside { sh 'kubelint deploy.yaml' }
}

def recursiveOnly(int n) {
    if (n > 0) { recursiveOnly(n - 1) }
    docker.image('alpine:3.20').pull()
}
"""


def test_images_of_methods_nothing_calls_are_left_out() -> None:
    images = [item.text for item in jenkinsfile_images(JENKINSFILE, "Jenkinsfile")]
    assert images == ["golang:1.22", "postgres:16", "redis:7.4", "busybox:1.36"]


def test_a_call_commented_out_is_no_call() -> None:
    text = JENKINSFILE.replace("    stageUnitTests()\n", "    // stageLintResources()\n    stageUnitTests()\n")
    assert "acme/kubelint:0.13" not in [item.text for item in jenkinsfile_images(text, "Jenkinsfile")]


def test_many_methods_finish() -> None:
    text = "".join(f"void m{i}() {{\n  m{i - 1}()\n}}\n" for i in range(100_000)) + "void f() {\n" * 100_000
    assert finishes(uncalled_spans, text) is not None
