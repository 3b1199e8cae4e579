"""A compose service with both `build:` and `image:` follows its `pull_policy`
(https://docs.docker.com/reference/compose-file/build/#using-build-and-image): one that says to pull (`missing`,
`always`, `if_not_present`, `daily`, `weekly`, `every_12h`, `refresh`), also through a variable's default, pulls the
image and builds only when that fails; `build`, `never` or no pull_policy at all: the image is the one built here."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.compose_build_specs import compose_builds
from ecr_mirror.choose.discovery.yaml_sources import compose_images

COMPOSE = """\
services:
  db:
    image: ${DB_IMAGE:-postgres:${PG_VERSION:-latest}}
    # the default pull_policy pulls the official image; PG_PULL_POLICY=build builds a development one
    build:
      context: ../postgres-head
    pull_policy: ${PG_PULL_POLICY:-missing}
  app:
    image: acme/app:dev
    build: .
  worker:
    image: acme/worker:dev
    build: .
    pull_policy: never
  migrate:
    image: acme/migrate:dev
    build: .
    pull_policy: build
"""


def test_a_pulling_policy_beside_build_lists_the_image() -> None:
    found = compose_images(COMPOSE, "docker/docker-compose.yml")
    assert [(item.text, item.line, item.problem) for item in found] == [("postgres:latest", 3, None)]


@pytest.mark.parametrize("policy", ["always", "if_not_present", "daily", "weekly", "every_12h", "refresh"])
def test_each_policy_that_pulls(policy: str) -> None:
    found = compose_images(COMPOSE.replace("${PG_PULL_POLICY:-missing}", policy), "compose.yml")
    assert [item.text for item in found] == ["postgres:latest"]


def test_a_policy_that_builds_keeps_the_image_built_here() -> None:
    assert compose_images(COMPOSE.replace("${PG_PULL_POLICY:-missing}", "${PG_PULL_POLICY:-build}"), "c.yml") == []


def test_the_build_of_a_service_that_pulls_first_names_no_image_of_this_tree() -> None:
    # its Dockerfile is still read (it is built when the pull fails); the image it names is not marked built here
    builds = compose_builds(COMPOSE, "docker/docker-compose.yml")
    assert [(build.service, build.dockerfile, build.built) for build in builds] == [
        ("db", "../postgres-head/Dockerfile", None),
        ("app", "./Dockerfile", "acme/app:dev"),
        ("worker", "./Dockerfile", "acme/worker:dev"),
        ("migrate", "./Dockerfile", "acme/migrate:dev"),
    ]
