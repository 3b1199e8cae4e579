"""Jenkinsfiles read at their edges: comments and strings that end where Groovy ends them, the lines after them,
variables and parameters (at and past the depth limit), withRegistry blocks and the registry each image comes from,
pods written in the file; each reader's findings compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jenkinsfile import jenkins_builds, jenkinsfile_images
from ecr_mirror.choose.discovery.local_builds import LocalBuild


def _f(text: str, line: int, problem: str | None, use: str = "image") -> Found:
    return Found(text, "Jenkinsfile", line, problem, use, "Jenkinsfile")


CASES = {}
CASES["comments_strings_and_lines"] = """def IMG = 'maven:3.9'
/* the build image,
   pinned */
node { docker.image(IMG).inside {} ; docker.image(x ? 'a' : 'b').pull() }
docker.withRegistry(REG) { docker.image('a/b:1').pull() }
"""
CASES["variables_that_cannot_be_known"] = """def A = 'one:1'
def A = 'two:2'
def B = "b:${C}"
def C = "c${B}"
node {
  docker.image(A).pull()
  docker.image(B).pull()
  docker.image("x:${BUILD_NUMBER}").pull()
  docker.image("x:${A.toLowerCase()}").pull()
  docker.image("x:\\${NOT}").pull()
  docker.image('lit\\'q:1').pull()
  docker.image(getImage()).pull()
  docker.image(cfg.image + ':1').pull()
}
"""
CASES["registries"] = """node {
  docker.withRegistry('https://ghcr.io', 'creds') {
    docker.image('acme/app:1').pull()
    docker.image('quay.io/x/y:2').pull()
    docker.image('localhost/z:3').pull()
    docker.image('localhost:5000/z:3').pull()
    docker.image('plain').pull()
    docker.image('acme/ci.tools/builder:1').pull()
  }
  docker.withRegistry('https://index.docker.io/v1/', 'hub') {
    docker.image('library/redis:7').pull()
  }
  docker.withRegistry('', 'hub') { docker.image('acme/hub:1').pull() }
  docker.withRegistry(REG) {
    docker.image('acme/app:2').pull()
  }
  docker.withRegistry("${UNKNOWN_REG}") {
    def NAME = 'app'
    docker.image("acme/${NAME}:3").pull()
  }
  docker.withRegistry('registry.example.com:5000') {
    docker.image('acme/app:4').pull()
  }
  docker.withRegistry('https://registry.hub.docker.com') { docker.image('a/b:1').pull() }
  docker.withRegistry('https://registry-1.docker.io') { docker.image('a/b:2').pull() }
  docker.image('acme/app:outside').pull()
}
"""
CASES["pod_images"] = """podTemplate(yaml: '''
apiVersion: v1
kind: Pod
spec:
  containers:
  - name: jnlp
    image: jenkins/inbound-agent:3206
  - name: go
    image: "golang:1.23" # pinned
    command: [cat]
  - name: dyn
    image: ${IMG}
''', containers: [containerTemplate(name: 'x', image: 'maven:3.9-eclipse')]) {
  node(POD_LABEL) { writeFile file: 'pod.yaml', text: 'image: nginx:1.27' }
}
"""
CASES["parameters"] = """string(name: 'X', defaultValue: 'x:1')
string(name: "Y", defaultValue: "y:${params.X}")
string(defaultValue: 'z:1')
string(name: 'W')
string(name: 'U', defaultValue: V)
node {
  docker.image(params.X).pull()
  docker.image(params.Y).pull()
  docker.image(params.W).pull()
  docker.image(params.U).pull()
}
"""
CASES["what_follows_an_assigned_string"] = """def BASE = 'alpine:3.20'
['a', 'b'].each { echo it }
def TAG = 'v1.2.3'[1..-1]
def IMG = 'debian:12' ?: 'x'
def J = 'j:1' * 2
def K = 'k:1' + suffix
def L = 'l:1'.trim()
node {
  docker.image(BASE).pull()
  docker.image("x:${TAG}").pull()
  docker.image(IMG).pull()
  docker.image(J).pull()
  docker.image(K).pull()
  docker.image(L).pull()
}
"""
CASES["interpolations"] = """def IMG = "python:3.12"
def TAG = 'x'
env.BASE = "alpine:${TAG}"
node {
  docker.image(IMG).inside {}
  docker.image(env.BASE).inside {}
  docker.image("$IMG").run()
  docker.image("${env.BASE}-slim").run()
  docker.image("$env.BASE-x").run()
}
"""
CASES["comments_end_where_they_end"] = """/* a */ node { docker.image('a:1').pull() } /* b */
def n = 2*/* docker.image('no:1') */3
/**/ node { docker.image('b:1').pull() }
/* the default is 'latest' */ node { docker.image('c:1').pull() }
node { docker.image(/* pinned */'d:1').pull() }
def DIR = "C:\\\\"; node { docker.image('e:1').pull() }
def DIR2 = 'C:\\\\'; node { docker.image('f:1').pull() }
"""
CASES["a_string_left_open"] = """node {
  def s = \"\"\"
  image: not-a-pod:1
  \"\"\"
  docker.image('after:1').pull()
  docker.image("unclosed:1
  ).pull()
}
docker.image('at-the-end:1"""
CASES["agents"] = """pipeline {
  agent { docker { image 'maven:3.9' } }
  stages { stage('b') { agent { docker 'node:20' } steps { sh 'make' } } }
}
"""
CASES["first_line_blank"] = """
node {
  docker.withRegistry(REG) { docker.image('acme/app:1').pull() }
  docker.image(NAME).pull()
  docker.image(f(x)).pull()
}
"""
CASES["unknown_chains"] = """def A0 = "a:${A1}"
def A1 = "${A2}"
node { docker.image(A0).pull() }
"""

CASES["variables_at_the_depth_limit"] = (
    "".join(f'def V{i} = "${{V{i + 1}}}"\n' for i in range(7))
    + 'def V7 = "end"\n'
    + """string(name: 'P', defaultValue: "${V1}")
node { docker.image(params.P).pull(); docker.image("${params.P}").pull() }
"""
)
CASES["variables_past_the_depth_limit"] = (
    "".join(f'def V{i} = "${{V{i + 1}}}"\n' for i in range(8))
    + 'def V8 = "end"\n'
    + """string(name: 'P', defaultValue: "${V1}")
node { docker.image(params.P).pull(); docker.image("${params.P}").pull() }
"""
)
CASES["unclosed_comment"] = """node { docker.image('a:1').pull() } // trailing
/* unclosed comment
docker.image('x:1')"""
CASES["a_comment_ends_the_file"] = """def XTAG = 'x:1'
node { docker.image(XTAG).pull() } // pinned"""

EXPECTED = {
    "comments_strings_and_lines": [
        _f("maven:3.9", 4, None),
        _f("x", 4, "x has no value in this file (a parameter, credentials or a global variable?)"),
        _f("a/b:1", 5, "pulled from the registry of the docker.withRegistry at line 5, not known from this file"),
    ],
    "variables_that_cannot_be_known": [
        _f("A", 6, "A is assigned 2 different values in this file"),
        _f("B", 7, "variables defined from each other too deeply"),
        _f("x:${BUILD_NUMBER}", 8, "BUILD_NUMBER is set by Jenkins when the build runs"),
        _f("x:${A.toLowerCase()}", 9, "${A.toLowerCase()} is a Groovy expression, known only when the pipeline runs"),
        _f("x:${NOT}", 10, None),
        _f("lit'q:1", 11, None),
        _f("getImage()", 12, "a Groovy expression, known only when the pipeline runs"),
        _f("cfg.image + ':1'", 13, "a Groovy expression, known only when the pipeline runs"),
    ],
    "registries": [
        _f("ghcr.io/acme/app:1", 3, None),
        _f("quay.io/x/y:2", 4, None),
        _f("localhost/z:3", 5, None),
        _f("localhost:5000/z:3", 6, None),
        _f("ghcr.io/plain", 7, None),
        _f("ghcr.io/acme/ci.tools/builder:1", 8, None),
        _f("library/redis:7", 11, None),
        _f("acme/hub:1", 13, None),
        _f(
            "acme/app:2", 15, "pulled from the registry of the docker.withRegistry at line 14, not known from this file"
        ),
        _f(
            "acme/${NAME}:3",
            19,
            "pulled from the registry of the docker.withRegistry at line 17, not known from this file",
        ),
        _f("registry.example.com:5000/acme/app:4", 22, None),
        _f("a/b:1", 24, None),
        _f("a/b:2", 25, None),
        _f("acme/app:outside", 26, None),
    ],
    "pod_images": [
        _f("jenkins/inbound-agent:3206", 7, None, use="pod image"),
        _f("golang:1.23", 9, None, use="pod image"),
        _f("${IMG}", 12, "a Groovy expression in the pod, known only when the pipeline runs", use="pod image"),
        _f("maven:3.9-eclipse", 13, None),
    ],
    "parameters": [
        _f("x:1", 7, None),
        _f("y:x:1", 8, None),
        _f("params.W", 9, "params.W has no defaultValue in this file"),
        _f("params.U", 10, "params.U has no defaultValue in this file"),
    ],
    "what_follows_an_assigned_string": [
        _f("alpine:3.20", 9, None),
        _f("x:${TAG}", 10, "TAG has no value in this file (a parameter, credentials or a global variable?)"),
        _f("IMG", 11, "IMG has no value in this file (a parameter, credentials or a global variable?)"),
        _f("J", 12, "J has no value in this file (a parameter, credentials or a global variable?)"),
        _f("K", 13, "K has no value in this file (a parameter, credentials or a global variable?)"),
        _f("L", 14, "L has no value in this file (a parameter, credentials or a global variable?)"),
    ],
    "interpolations": [
        _f("python:3.12", 5, None),
        _f("alpine:x", 6, None),
        _f("python:3.12", 7, None),
        _f("alpine:x-slim", 8, None),
        _f("alpine:x-x", 9, None),
    ],
    "comments_end_where_they_end": [
        _f("a:1", 1, None),
        _f("b:1", 3, None),
        _f("c:1", 4, None),
        _f("d:1", 5, None),
        _f("e:1", 6, None),
        _f("f:1", 7, None),
    ],
    "a_string_left_open": [
        _f("not-a-pod:1", 3, None, use="pod image"),
        _f("after:1", 5, None),
        _f("unclosed:1", 6, None),
        _f("at-the-end:1", 9, None),
    ],
    "agents": [
        _f("maven:3.9", 2, None),
        _f("node:20", 3, None, use="agent docker"),
    ],
    "first_line_blank": [
        _f("acme/app:1", 3, "pulled from the registry of the docker.withRegistry at line 3, not known from this file"),
        _f("NAME", 4, "NAME has no value in this file (a parameter, credentials or a global variable?)"),
        _f("f(x)", 5, "a Groovy expression, known only when the pipeline runs"),
    ],
    "unknown_chains": [
        _f("A0", 3, "A2 has no value in this file (a parameter, credentials or a global variable?)"),
    ],
    "variables_at_the_depth_limit": [
        _f("end", 10, None),
        _f("end", 10, None),
    ],
    "variables_past_the_depth_limit": [
        _f("params.P", 11, "variables defined from each other too deeply"),
        _f("${params.P}", 11, "variables defined from each other too deeply"),
    ],
    "unclosed_comment": [
        _f("a:1", 1, None),
    ],
    "a_comment_ends_the_file": [
        _f("x:1", 2, None),
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_pipeline_s_images_whole(name: str) -> None:
    assert jenkinsfile_images(CASES[name], "Jenkinsfile") == EXPECTED[name]


def test_only_literal_names_are_builds() -> None:
    text = """pipeline {
  agent { dockerfile true }
  stages { stage('b') { steps { script {
    def app = docker.build('acme/app:ci', '-f ci.Dockerfile .')
    docker.build("acme/other:${BUILD_NUMBER}")
    docker.build(NAME)
    docker.build("acme/tools:1")
  } } } }
}
"""
    assert jenkins_builds(text, "ci/Jenkinsfile") == [
        LocalBuild("acme/app:ci", "ci/Jenkinsfile", 4, "docker.build"),
        LocalBuild("acme/tools:1", "ci/Jenkinsfile", 7, "docker.build"),
    ]
