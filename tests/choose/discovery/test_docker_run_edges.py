"""`docker run` / `pull` / `create` lines at their edges: each option form before the image, `--`, variables of
options, what is not a command (comments, prose, `compose run`, other tools), commands after prose or after a run
without an image on the same line, images built here, and a file's variables (Makefile, workflow, GitLab, script);
each file's findings compared whole."""

from __future__ import annotations

import dataclasses

import pytest

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kubectl import kubectl_images


def _f(text: str, line: int, problem: str | None = None, use: str = "docker run") -> Found:
    return Found(text, "", line, problem, use)


CASES = {
    "a_makefile": (
        "Makefile",
        """\
IMAGE := quay.io/acme/tool:1
TAG ?= 2
DOCKER_ARGS = --rm
run:
\tdocker run --rm -v $(CURDIR):/src -w /src $(IMAGE) make
\t@docker run $(DOCKER_ARGS) ${EXTRA_OPTS} alpine:$(TAG) true
\t-docker pull busybox
\tdocker run -it --env=A=1 -eFOO=bar -dp 80:80 nginx:1
\tdocker run -e X --name n debian:12 bash
\tdocker run --platform linux/amd64 --pull always python:3.12 -c 'print(1)'
\tdocker run -- redis:7
\tdocker run --
\tdocker run --rm
\tdocker container run ubuntu:24.04
\tdocker image pull golang:1.23
\tpodman run fedora:40
\tpodman create node:22
\tdocker create postgres:16
\tdocker compose run web
\techo docker run not:1
\tdocker run ./local
\tdocker run /abs
\tdocker run $(UNSET)
\tdocker run "$(IMAGE)"
\tdocker build -t $(APP) . && docker run $(APP)
\tdocker run $(shell cat img)
\tdocker run {{ .Image }}
\tdocker run -t img:t -a
\tdocker run -abc x:1
\tdocker run -ca x:2 y:2
\tdocker run -d x:3
\tdocker run - x:4
\tdocker run --unknown-flag x:5
\tdocker run --volume /a:/b x:6
\tCI=true docker run env:1
\tsudo docker pull sudo:1
\tif true; then docker run then:1; fi
\t(docker run paren:1)
\tx=$$(docker run sub:1)
\tdocker run --rm \\
\t  cont:1
# docker run comment:1
\t# docker run comment:2
// docker run comment:3
\tdocker   run   spaced:1
\tmydocker run no:1
\tdocker runner no:2
\tdocker run-x no:3
\tdocker.run no:4
\tdocker run ''
\tdocker run ' '
""",
    ),
    "a_workflow": (
        "ci.yml",
        """\
env:
  IMAGE: alpine:3.20
jobs:
  a:
    steps:
      - run: docker run $IMAGE true
      - run: docker pull ${{ env.IMAGE }}
      - run: |
          docker run --rm ${IMAGE} sh
""",
    ),
    "a_gitlab_pipeline": (
        "ci.yaml",
        """\
variables:
  IMG: busybox:1
script:
  - docker run $IMG
""",
    ),
    "a_script": (
        "script.sh",
        """\
IMG=busybox:1
docker run $IMG
sh -c "docker run inner:1"
npm run docker run x
xargs docker pull
exec docker run exec:1
env docker run env:2
time docker run time:1
nohup docker run nohup:1
command docker run cmd:1
do docker run do:1
else docker run else:1
elif docker run elif:1
`docker run bq:1`
{ docker run brace:1; }
foo; docker run semi:1
a | docker run pipe:1
""",
    ),
    "lines_holding_more_than_one_command": (
        "Makefile",
        """\
\t# sudo docker run old:1
# sudo docker run old:2
    // sudo docker run old:3
\techo docker run x; docker run real:1
\tdocker run --rm; docker pull after:1
\tdocker build -t $(APP) . && docker run $(APP) && docker run other:1
\tdocker run -- redis:7 redis-server
""",
    ),
}

EXPECTED = {
    "a_makefile": [
        _f("quay.io/acme/tool:1", 5),
        _f("alpine:2", 6),
        _f("busybox", 7, use="docker pull"),  # make runs `-docker pull` as `docker pull`, ignoring its failure
        _f("nginx:1", 8),
        _f("debian:12", 9),
        _f("python:3.12", 10),
        _f("redis:7", 11),
        _f("ubuntu:24.04", 14),
        _f("golang:1.23", 15, use="docker pull"),
        _f("fedora:40", 16),
        _f("node:22", 17, use="docker create"),
        _f("postgres:16", 18, use="docker create"),
        _f("$(UNSET)", 23, "$UNSET has no value in this file (set by the environment, the command line or a caller)"),
        _f("quay.io/acme/tool:1", 24),
        _f("$(shell cat img)", 26, "a command substitution or make function, known only when it runs"),
        _f("{{", 27, "a template or CI expression, known only when it runs"),
        _f("img:t", 28),
        _f("x:1", 29),
        _f("x:2", 30),
        _f("x:3", 31),
        _f("-", 32),
        _f("--unknown-flag", 33, "docker and podman have no option --unknown-flag: they refuse the command"),
        _f("x:6", 34),
        _f("env:1", 35),
        _f("sudo:1", 36, use="docker pull"),
        _f("then:1", 37),
        _f("paren:1", 38),
        _f("sub:1", 39),
        _f("cont:1", 40),
        _f("spaced:1", 45),
    ],
    "a_workflow": [
        _f("alpine:3.20", 6),
        _f("${{ env.IMAGE }}", 7, "a template or CI expression, known only when it runs", use="docker pull"),
        _f("alpine:3.20", 9),
    ],
    "a_gitlab_pipeline": [
        _f("busybox:1", 4),
    ],
    "a_script": [
        _f("busybox:1", 2),
        _f("inner:1", 3),
        _f("exec:1", 6),
        _f("env:2", 7),
        _f("time:1", 8),
        _f("nohup:1", 9),
        _f("cmd:1", 10),
        _f("do:1", 11),
        _f("else:1", 12),
        _f("elif:1", 13),
        _f("bq:1", 14),
        _f("brace:1", 15),
        _f("semi:1", 16),
        _f("pipe:1", 17),
    ],
    "lines_holding_more_than_one_command": [
        _f("real:1", 4),
        _f("after:1", 5, use="docker pull"),
        _f("other:1", 6),
        _f("redis:7", 7),
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_file_s_images_whole(name: str) -> None:
    origin, text = CASES[name]
    found = docker_runs(text, origin)
    assert found == [dataclasses.replace(item, origin=origin) for item in EXPECTED[name]]


def test_a_package_json_script_that_is_not_the_last_one() -> None:
    text = '{\n  "scripts": {\n    "db": "docker run -d postgres:16",\n    "lint": "eslint ."\n  }\n}\n'
    assert docker_runs(text, "package.json") == [Found("postgres:16", "package.json", 3, None, "docker run")]


def test_a_package_json_script_with_escaped_quotes_and_a_kubectl_line() -> None:
    text = (
        '{\n  "scripts": {\n    "db": "docker run -e \\"POSTGRES_PASSWORD=a b\\" postgres:16",\n'
        '    "k8s": "kubectl run db --image=redis:7",\n    "x": "echo \\"docker run not:this\\""\n  }\n}\n'
    )
    assert docker_runs(text, "package.json") == [Found("postgres:16", "package.json", 3, None, "docker run")]
    assert [(f.text, f.line) for f in kubectl_images(text, "package.json")] == [("redis:7", 4)]
