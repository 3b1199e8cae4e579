"""Compose files of the legacy version 1 format: the services at the top of the file, with no `services:` key."""

from __future__ import annotations

from ecr_mirror.choose.discovery.compose_build_specs import compose_builds
from ecr_mirror.choose.discovery.yaml_sources import compose_images

VERSION_ONE = """\
tracing:
    image: acme/tracing:2.5.0
    ports:
     - "9411:9411"
db:
  image: postgres:${PG_TAG}
web:
  build: ./web
  links:
    - db
"""


def test_the_services_at_the_top_are_read() -> None:
    found = compose_images(VERSION_ONE, "docker-compose-tracing.yml", {"PG_TAG": "9.6"})
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("acme/tracing:2.5.0", 2, None),
        ("postgres:9.6", 6, None),
    ]
    assert [(build.dockerfile, build.service) for build in compose_builds(VERSION_ONE, "docker-compose.yml")] == [
        ("./web/Dockerfile", "web")
    ]


def test_a_top_level_mapping_that_is_not_all_services_is_not_read() -> None:
    not_services = """\
tracing:
  image: acme/tracing:2.5.0
settings:
  retries: 3
"""
    assert compose_images(not_services, "docker-compose.yml") == []
    with_version = "version: '2'\ntracing:\n  image: acme/tracing:2.5.0\n"
    assert compose_images(with_version, "docker-compose.yml") == []
