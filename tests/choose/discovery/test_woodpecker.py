"""Woodpecker CI pipelines (`.woodpecker.yaml`, `.woodpecker/*.yaml`): the images of their steps, services, plugins
and clone steps, over the workflow's matrix; YAML anchors as Woodpecker's own files use them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.woodpecker import woodpecker_images

PIPELINE = """\
variables:
  - &golang_image 'docker.io/golang:1.27'
  - &when
    - event: pull_request

when:
  - event: push

clone:
  git:
    image: woodpeckerci/plugin-git:2.6.5

steps:
  vendor:
    image: *golang_image
    commands:
      - go mod vendor
  lint:
    depends_on: [vendor]
    image: golangci/golangci-lint:v2.12.2
    commands: [golangci-lint run]
  publish:
    image: woodpeckerci/plugin-docker-buildx:6.1.1
    settings:
      repo: woodpeckerci/woodpecker-server
  extract:
    image: dessalines/lemmy:${CI_COMMIT_TAG=nightly}
    commands: [cp /app/lemmy /out]

services:
  database:
    image: postgres:18
    environment:
      POSTGRES_PASSWORD: postgres
"""

MATRIX = """\
matrix:
  GO_VERSION:
    - 1.26
    - 1.27
  DATABASE:
    - mysql:8.4
    - postgres:17
steps:
  - name: test
    image: golang:${GO_VERSION}
    commands: [go test ./...]
services:
  - name: db
    image: ${DATABASE}
"""

INCLUDE = """\
matrix:
  include:
    - NODE: 22
      DISTRO: alpine
    - NODE: 24
      DISTRO: trixie-slim
pipeline:
  build:
    image: node:${NODE}-${DISTRO}
"""


def test_steps_plugins_services_and_clone_steps_with_anchors() -> None:
    found = woodpecker_images(PIPELINE, ".woodpecker/test.yaml")
    listed = [(item.text, item.line, item.use) for item in found if item.problem is None]
    assert listed == [
        ("woodpeckerci/plugin-git:2.6.5", 11, "clone"),
        ("docker.io/golang:1.27", 2, "steps"),
        ("golangci/golangci-lint:v2.12.2", 20, "steps"),
        ("woodpeckerci/plugin-docker-buildx:6.1.1", 23, "steps"),
        ("postgres:18", 32, "services"),
    ]
    [unresolved] = [item for item in found if item.problem is not None]
    assert unresolved.text == "dessalines/lemmy:${CI_COMMIT_TAG=nightly}"
    assert unresolved.line == 27
    assert "CI_COMMIT_TAG" in (unresolved.problem or "")


def test_a_matrix_runs_the_workflow_once_per_combination() -> None:
    found = woodpecker_images(MATRIX, ".woodpecker.yml")
    assert sorted({(item.text, item.line) for item in found if item.problem is None}) == [
        ("golang:1.26", 10),
        ("golang:1.27", 10),
        ("mysql:8.4", 14),
        ("postgres:17", 14),
    ]
    assert all(item.problem is None for item in found)


def test_a_matrix_of_included_combinations_and_the_older_pipeline_key() -> None:
    found = woodpecker_images(INCLUDE, ".woodpecker/build.yml")
    assert [(item.text, item.line) for item in found] == [("node:22-alpine", 9), ("node:24-trixie-slim", 9)]


def test_woodpecker_files_are_known_by_name_and_read_by_their_kind() -> None:
    assert kind_of(".woodpecker.yml") is Kind.WOODPECKER
    assert kind_of(".woodpecker.yaml") is Kind.WOODPECKER
    assert kind_of(".woodpecker/docker.yaml") is Kind.WOODPECKER
    assert kind_of("contrib/sample/.woodpecker/test.yml") is Kind.WOODPECKER
    assert kind_of("docs/woodpecker.yaml") is Kind.YAML
    found = images_in(Kind.WOODPECKER, PIPELINE, ".woodpecker/test.yaml")
    assert {item.kind for item in found} == {"Woodpecker pipeline"}
