"""Cirrus CI's `.cirrus.yml`: the container each task runs in (`container:`, `arm_container:`, the top-level default
for tasks naming no instance), the `additional_containers` beside it, `${NAME}` from the top-level and the task's
`env:`, a task's `matrix:` items; VM instances and `dockerfile:` builds are no pull."""

from __future__ import annotations

from ecr_mirror.choose.discovery.cirrus import cirrus_images

CIRRUS = """\
---
env:
    IMAGE_TAG: "c20251001t120000z-f42"
    CIDEV_FQIN: "quay.io/acme/ci_dev:${IMAGE_TAG}"
    GOPATH: &gopath "/var/tmp/go"

container:
    image: golang:1.23

lint_task:
    container:
        image: '${CIDEV_FQIN}'
        cpu: 2
    script: make lint

unit_task:
    script: go test ./...

integration_task:
    env:
        DB_IMAGE: postgres:16
    container:
        image: $CIDEV_FQIN
        additional_containers:
          - name: db
            image: ${DB_IMAGE}
            port: 5432
    script: make integration

arm_task:
    arm_container:
        image: quay.io/acme/ci_dev:arm-${CIRRUS_BRANCH}
    script: make test

vm_task:
    gce_instance:
        image_name: fedora-${IMAGE_TAG}
    script: make system

build_task:
    container:
        dockerfile: contrib/ci.dockerfile
        docker_arguments:
            BASE: quay.io/acme/base:1
    script: make

versions_task:
    matrix:
      - container:
          image: node:20
      - container:
          image: node:22
    script: npm test

meta_task:
    container: &small
        image: quay.io/acme/imgts:latest
    script: /usr/local/bin/entrypoint.sh

success_task:
    container: *small
    script: /bin/true
"""


def test_the_containers_of_the_tasks_are_listed() -> None:
    found = cirrus_images(CIRRUS, ".cirrus.yml")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("golang:1.23", 8, True),
        ("quay.io/acme/ci_dev:c20251001t120000z-f42", 12, True),
        ("quay.io/acme/ci_dev:c20251001t120000z-f42", 23, True),
        ("postgres:16", 26, True),
        ("quay.io/acme/ci_dev:arm-${CIRRUS_BRANCH}", 32, False),
        ("node:20", 50, True),
        ("node:22", 52, True),
        ("quay.io/acme/imgts:latest", 57, True),
    ]


def test_a_cirrus_variable_is_explained() -> None:
    unresolved = [item for item in cirrus_images(CIRRUS, ".cirrus.yml") if item.problem]
    assert [item.problem for item in unresolved] == ["$CIRRUS_BRANCH is set by Cirrus CI when the task runs"]


def test_a_top_level_container_no_task_uses_is_not_listed() -> None:
    text = "container:\n  image: golang:1.23\nlint_task:\n  container:\n    image: alpine:3.20\n"
    assert [item.text for item in cirrus_images(text, ".cirrus.yml")] == ["alpine:3.20"]
