"""A script of the tree that builds the name its caller passes (`docker build --tag "$1"`): each call of it with a
literal name, or one the caller's values give, builds that name."""

from __future__ import annotations

from ecr_mirror.choose.discovery.wrapper_builds import builder_scripts, wrapper_builds

BUILDER = """\
#!/bin/sh
set -ue
docker_tag=${1?full docker_tag is required. Ex acme/app:test}
version=${2:-}
echo "Building image ${docker_tag}"
docker build --network=host --pull --tag ${docker_tag} .
"""

PUSHER = """\
#!/bin/sh
docker buildx build --push -t "$2" --build-arg VERSION="$1" .
"""

NOT_A_BUILDER = """\
#!/bin/sh
IMAGE=acme/tool:1
docker build -t "$IMAGE" .
"""

WORKFLOW = """\
name: images
on: push
env:
  SUFFIX: test
jobs:
  images:
    runs-on: ubuntu-latest
    steps:
      - name: server
        run: |
          build-bin/docker/docker_build acme/server:test &&
          build-bin/docker/docker_build acme/server-slim:${SUFFIX}
      - name: ui
        run: ./build-bin/docker/docker_build ${DOCKER_TAG} 1.2.3
        env:
          DOCKER_TAG: acme/ui:test
      - name: unknown
        run: build-bin/docker/docker_build ${{ inputs.tag }}
      - name: echoed
        run: echo "build-bin/docker/docker_build acme/echoed:test"
"""

MAKEFILE = """\
release:
\tscripts/push.sh 2.0.1 acme/app:2.0.1
\tscripts/tool-build.sh acme/not-built:1
"""


def test_a_script_building_its_argument_is_a_builder_of_that_position() -> None:
    scripts = {
        "build-bin/docker/docker_build": BUILDER,
        "scripts/push.sh": PUSHER,
        "scripts/tool-build.sh": NOT_A_BUILDER,
    }
    assert builder_scripts(scripts) == {"build-bin/docker/docker_build": 1, "scripts/push.sh": 2}


def test_the_calls_of_a_builder_build_the_names_they_pass() -> None:
    builders = {"build-bin/docker/docker_build": 1, "scripts/push.sh": 2}
    texts = {".github/workflows/images.yml": WORKFLOW, "Makefile": MAKEFILE}
    assert [(b.name, b.origin, b.line, b.how) for b in wrapper_builds(builders, texts)] == [
        ("acme/server:test", ".github/workflows/images.yml", 11, "build-bin/docker/docker_build (docker build $1)"),
        (
            "acme/server-slim:test",
            ".github/workflows/images.yml",
            12,
            "build-bin/docker/docker_build (docker build $1)",
        ),
        ("acme/ui:test", ".github/workflows/images.yml", 14, "build-bin/docker/docker_build (docker build $1)"),
        ("acme/app:2.0.1", "Makefile", 2, "scripts/push.sh (docker build $2)"),
    ]
