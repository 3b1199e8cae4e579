"""Drone CI pipelines: Drone 0.8's `pipeline:` mapping and `matrix`, Drone's own variables unresolved."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

LEGACY = """\
pipeline:
  test:
    image: golang:${GO_VERSION}
    commands:
      - go test ./...
  publish:
    image: plugins/docker:18.09
    repo: acme/app
    tag: ${DRONE_TAG}

services:
  database:
    image: postgres:${PG}-alpine

matrix:
  GO_VERSION:
    - "1.10"
    - "1.11"
  PG:
    - 10
"""


def test_a_legacy_pipeline_is_read_once_per_combination() -> None:
    assert kind_of("ci/.drone.yaml") is Kind.DRONE
    found = images_in(Kind.DRONE, LEGACY, ".drone.yml")
    assert sorted((item.text, item.line) for item in found) == [
        ("golang:1.10", 3),
        ("golang:1.11", 3),
        ("plugins/docker:18.09", 7),
        ("postgres:10-alpine", 13),
    ]
    assert all(item.problem is None for item in found)


def test_a_drone_variable_is_unresolved_and_named() -> None:
    text = "kind: pipeline\nsteps:\n- name: release\n  image: acme/release:${DRONE_TAG}\n"
    (item,) = images_in(Kind.DRONE, text, ".drone.yml")
    assert item.line == 4
    assert item.problem is not None and "DRONE_TAG" in item.problem and "Drone" in item.problem
