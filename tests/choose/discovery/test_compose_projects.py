"""The names compose gives the services it builds without `image:` (`<project>-<service>`), marked built here."""

from __future__ import annotations

from ecr_mirror.choose.discovery.compose_build_specs import compose_builds
from ecr_mirror.choose.discovery.compose_projects import compose_named, unnamed_services
from ecr_mirror.choose.discovery.found import Found

COMPOSE = """\
services:
  kibana:
    build: kibana/
  log-shipper:
    build:
      context: shipper
  web:
    build: .
    image: acme/web:dev
  db:
    image: postgres:16
"""


def _marked(*names: str) -> dict[str, str | None]:
    services = unnamed_services(("compose.yaml", b) for b in compose_builds(COMPOSE, "compose.yaml"))
    found = [Found(name, "ci.yml", n) for n, name in enumerate(names, start=1)]
    return {item.text: item.built for item in compose_named(found, services)}


def test_only_services_built_without_image_are_named_after_the_project() -> None:
    services = unnamed_services(("compose.yaml", b) for b in compose_builds(COMPOSE, "compose.yaml"))
    assert sorted(services) == ["kibana", "log-shipper"]
    assert services["kibana"] == "compose build: of service kibana (no image:) in compose.yaml"


def test_a_project_joined_by_a_dash_or_an_underscore_untagged_or_latest() -> None:
    marked = _marked(
        "elk-kibana",
        "docker-elk-kibana:latest",
        "elk_log-shipper",
        "docker.io/library/my-stack-kibana",
        "acme/elk-kibana",
        "elk-kibana:8.15",
        "elk-kibana@sha256:" + "a" * 64,
        "ghcr.io/acme/elk-kibana",
        "kibana",
        "-kibana",
        "elk-web",
        "elk-db",
        "elk-shipper",
    )
    assert {name for name, built in marked.items() if built} == {
        "elk-kibana",
        "docker-elk-kibana:latest",
        "elk_log-shipper",
        "docker.io/library/my-stack-kibana",
    }
    expected = "compose build: of service kibana (no image:) in compose.yaml, named after its project"
    assert marked["elk-kibana"] == expected


def test_unresolved_and_already_built_uses_are_left_as_they_are() -> None:
    services = {"kibana": "compose build: of service kibana (no image:) in compose.yaml"}
    unresolved = Found("elk-kibana", "ci.yml", 1, problem="a variable")
    built = Found("elk-kibana", "ci.yml", 2, built="docker build -t at Makefile:3")
    assert compose_named([unresolved, built], services) == [unresolved, built]
    assert compose_named([Found("elk-kibana", "ci.yml", 3)], {}) == [Found("elk-kibana", "ci.yml", 3)]
