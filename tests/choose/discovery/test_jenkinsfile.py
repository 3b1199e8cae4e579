"""Jenkins pipelines: declarative docker agents, scripted docker.image(...), Kubernetes agents, Groovy variables."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jenkinsfile import jenkins_builds, jenkinsfile_images, looks_like_pipeline
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

JENKINSFILE = """\
#!/usr/bin/env groovy
// Build and test every branch. docker.image('commented/out:1') is not used.
def PYTHON_IMAGE = "python:3.12-slim"
def NODE_VERSION = '20'
String registry = 'registry.example.com'

pipeline {
    agent none
    parameters {
        string(name: 'PG_TAG', defaultValue: '16-alpine', description: 'postgres tag')
    }
    environment {
        GO_IMAGE = 'golang:1.23'
        TOOLS = "${GO_IMAGE}-bookworm"
    }
    stages {
        stage('Build') {
            agent {
                docker {
                    image 'maven:3.9-eclipse-temurin-21'
                    args '-v $HOME/.m2:/root/.m2'
                }
            }
            steps { sh 'mvn -B package' }
        }
        stage('Go') {
            agent { docker { image "${env.GO_IMAGE}" } }
            steps { sh 'go test ./...' }
        }
        stage('Tools') {
            agent { docker { image env.TOOLS } }
            steps { sh 'make tools' }
        }
        stage('Short') {
            agent { docker 'alpine:3.20' }
            steps { sh 'true' }
        }
        stage('Image') {
            agent { dockerfile { filename 'ci/build.Dockerfile' } }
            steps { sh 'make' }
        }
        stage('Scripted') {
            agent any
            steps {
                script {
                    docker.image("node:${NODE_VERSION}-alpine").inside('-u root') { sh 'npm ci' }
                    docker.image(PYTHON_IMAGE).inside { sh 'pytest' }
                    docker.image("postgres:${params.PG_TAG}").withRun('-e POSTGRES_PASSWORD=x') { c ->
                        sh "make it DB=${c.id}"
                    }
                    def app = docker.build("acme/app:${env.BUILD_NUMBER}")
                    docker.build('acme/app:ci', '-f Dockerfile.ci .')
                    docker.image('acme/app:ci').inside { sh 'make check' }
                    docker.image("redis:${REDIS_TAG}").inside { sh 'true' }
                    docker.image("mariadb:${env.BUILD_TAG}").pull()
                    docker.image("${registry}/team/base:1").pull()
                    docker.withRegistry('https://ghcr.io', 'ghcr-creds') {
                        docker.image('acme/private:2').pull()
                        docker.image('quay.io/acme/other:3').pull()
                    }
                    docker.image('acme/after:4').pull()
                    docker.image(config.image).pull()
                }
            }
        }
        stage('K8s') {
            agent {
                kubernetes {
                    yaml '''
                        apiVersion: v1
                        kind: Pod
                        spec:
                          containers:
                          - name: kaniko
                            image: gcr.io/kaniko-project/executor:v1.23.2-debug
                    '''
                }
            }
            steps { sh 'true' }
        }
    }
}
podTemplate(containers: [containerTemplate(name: 'jnlp', image: 'jenkins/inbound-agent:3283.v92c105e0f819-1')]) {
    node(POD_LABEL) { sh 'true' }
}
"""


def _listed(found: list[Found]) -> list[tuple[int | None, str, str | None]]:
    return [(item.line, item.text, item.problem) for item in found]


def test_a_declarative_and_scripted_pipeline() -> None:
    found = jenkinsfile_images(JENKINSFILE, "Jenkinsfile")
    assert all(item.kind == "Jenkinsfile" for item in found)
    resolved = [(item.line, item.text) for item in found if item.problem is None]
    assert resolved == [
        (20, "maven:3.9-eclipse-temurin-21"),
        (27, "golang:1.23"),
        (31, "golang:1.23-bookworm"),
        (35, "alpine:3.20"),
        (46, "node:20-alpine"),
        (47, "python:3.12-slim"),
        (48, "postgres:16-alpine"),  # the parameter's defaultValue
        (53, "acme/app:ci"),  # built on line 52: the caller marks it (jenkins_builds)
        (56, "registry.example.com/team/base:1"),
        (58, "ghcr.io/acme/private:2"),  # pulled from the registry of withRegistry
        (59, "quay.io/acme/other:3"),  # names its own registry
        (61, "acme/after:4"),  # after the block: Docker Hub again
        (75, "gcr.io/kaniko-project/executor:v1.23.2-debug"),
        (83, "jenkins/inbound-agent:3283.v92c105e0f819-1"),
    ]
    problems = {item.text: (item.line, item.problem) for item in found if item.problem}
    assert problems == {
        "redis:${REDIS_TAG}": (
            54,
            "REDIS_TAG has no value in this file (a parameter, credentials or a global variable?)",
        ),
        "mariadb:${env.BUILD_TAG}": (55, "BUILD_TAG is set by Jenkins when the build runs"),
        "config.image": (62, "a Groovy expression, known only when the pipeline runs"),
    }
    assert [(b.name, b.line, b.how) for b in jenkins_builds(JENKINSFILE, "Jenkinsfile")] == [
        ("acme/app:ci", 52, "docker.build")
    ]


def test_a_variable_assigned_twice_or_from_an_expression_is_unresolved() -> None:
    text = """\
def IMAGE = 'node:20'
if (params.LTS) { IMAGE = 'node:22' }
def TAG = sh(script: 'cat .version', returnStdout: true).trim()
node {
    docker.image(IMAGE).inside { sh 'npm test' }
    docker.image("node:${TAG}").inside { sh 'npm test' }
    docker.image("python:${VERSIONS[0]}").inside { sh 'true' }
    docker.withRegistry(env.REGISTRY_URL, 'creds') { docker.image('team/tool:1').pull() }
}
"""
    assert _listed(jenkinsfile_images(text, "Jenkinsfile")) == [
        (5, "IMAGE", "IMAGE is assigned 2 different values in this file"),
        (6, "node:${TAG}", "TAG has no value in this file (a parameter, credentials or a global variable?)"),
        (7, "python:${VERSIONS[0]}", "${VERSIONS[0]} is a Groovy expression, known only when the pipeline runs"),
        (8, "team/tool:1", "pulled from the registry of the docker.withRegistry at line 8, not known from this file"),
    ]


def test_jenkinsfile_names_and_groovy_files_only_when_they_are_pipelines() -> None:
    for name in ("Jenkinsfile", "ci/Jenkinsfile.release", "Jenkinsfile-nightly", "ci/build.jenkinsfile", "x.groovy"):
        assert kind_of(name) is Kind.JENKINS, name
    assert kind_of("Jenkinsfile.md") is None
    plugin = "class Greeting {\n    String image = 'not-an-image:1'\n    def image(x) { x }\n}\n"
    assert not looks_like_pipeline(plugin)
    assert images_in(Kind.JENKINS, plugin, "src/Greeting.groovy") == []
    library = "def call() {\n    docker.image('hashicorp/terraform:1.9').inside { sh 'terraform plan' }\n}\n"
    assert [item.text for item in images_in(Kind.JENKINS, library, "vars/plan.groovy")] == ["hashicorp/terraform:1.9"]
