"""An end-to-end suite's shell library gives each image it deploys an environment default
(`export IMAGE_PMM_SERVER=${IMAGE_PMM_SERVER:-"acme/monitor-server:dev-latest"}`): the suite runs with that image when
the variable is not set; only in a test tree, only a literal default that names a tag or a digest."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_test_defaults import shell_test_defaults

FUNCTIONS = """\
#!/bin/bash

GIT_BRANCH=${VERSION:-$(git rev-parse --abbrev-ref HEAD)}
export IMAGE=${IMAGE:-"acme/shop-operator:${GIT_BRANCH}"}
export IMAGE_DB=${IMAGE_DB:-"acme/shop-operator:main-db${DB_VERSION}"}
export IMAGE_MONITOR_CLIENT=${IMAGE_MONITOR_CLIENT:-"acme/monitor-client:dev-latest"}
export IMAGE_MONITOR_SERVER="${IMAGE_MONITOR_SERVER:-acme/monitor-server:dev-latest}"
IMAGE_PROXY=${IMAGE_PROXY:-'ghcr.io/acme/proxy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'}
: "${BACKUP_IMAGE:=acme/backup:2.1}"
export IMAGE_PULL_POLICY=${IMAGE_PULL_POLICY:-"Always"}
export IMAGE_TAG=${IMAGE_TAG:-"1.4.0"}
export SIDECAR_IMAGE=${SIDECAR_IMAGE:-busybox}
export CLUSTER_NAME=${CLUSTER_NAME:-"acme/cluster:1"}
IMAGE_NAME=${IMAGE_NAME:-acme/shop}
# export IMAGE_OLD=${IMAGE_OLD:-"acme/old:1"}
"""


def test_image_defaults_of_an_e2e_library_are_the_images_it_runs() -> None:
    use = "test setting (environment default)"
    origin = "e2e-tests/functions"
    assert shell_test_defaults(FUNCTIONS, origin) == [
        Found("acme/monitor-client:dev-latest", origin, 6, use=use, kind="shell script"),
        Found("acme/monitor-server:dev-latest", origin, 7, use=use, kind="shell script"),
        Found(
            "ghcr.io/acme/proxy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            origin,
            8,
            use=use,
            kind="shell script",
        ),
        Found("acme/backup:2.1", origin, 9, use=use, kind="shell script"),
    ]


def test_a_script_outside_a_test_tree_is_not_read() -> None:
    assert shell_test_defaults(FUNCTIONS, "hack/release.sh") == []
    assert shell_test_defaults(FUNCTIONS, "scripts/e2e-tests.sh") == []


BUILDS_ITS_IMAGE = """\
#!/usr/bin/env bash
set -euo pipefail
IMAGE="${IMAGE:-shop-socket-test:local}"
HELPER_IMAGE=${HELPER_IMAGE:-acme/helper:1.2}
docker buildx build \\
  --platform "${PLATFORM}" \\
  -t "${IMAGE}" \\
  --load .
docker run --rm "${IMAGE}" /bin/check
"""


def test_a_default_the_script_builds_under_is_not_an_image_it_pulls() -> None:
    # `docker build -t "${IMAGE}"` names the image the script builds itself; a default of another variable stays.
    origin = "client/test/socket-docker.sh"
    assert shell_test_defaults(BUILDS_ITS_IMAGE, origin) == [
        Found("acme/helper:1.2", origin, 4, use="test setting (environment default)", kind="shell script")
    ]


def test_a_variable_named_for_an_image_with_a_word_after_it_is_read() -> None:
    # `OB_IMAGE_420`, `OB_IMAGE_STANDALONE`: an image per scenario of the suite, each a variable of its own
    text = """\
export DB_IMAGE_420=${DB_IMAGE_420:-acme/db-server:4.2.0.0-101000}
export DB_IMAGE_STANDALONE=${DB_IMAGE_STANDALONE:-acmedev/db-server-dev:4.2.1.2-alpha.1}
export AGENT_IMAGE_MONITOR=${AGENT_IMAGE_MONITOR:-acme/agent:4.2.2}
export DB_IMAGE_TAG_420=${DB_IMAGE_TAG_420:-4.2.0.0}
export DB_IMAGE_PLATFORM=${DB_IMAGE_PLATFORM:-linux/amd64}
export IMAGES_DIR=${IMAGES_DIR:-/tmp/images:cache}
"""
    found = shell_test_defaults(text, "tests/setup.sh")
    assert [(item.line, item.text) for item in found] == [
        (1, "acme/db-server:4.2.0.0-101000"),
        (2, "acmedev/db-server-dev:4.2.1.2-alpha.1"),
        (3, "acme/agent:4.2.2"),
    ]
