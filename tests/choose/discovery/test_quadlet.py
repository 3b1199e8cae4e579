"""Podman Quadlet units: the image a `.container` unit runs and a `.image` unit pulls (`Image=`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

CONTAINER = """\
# the web service, started by systemd
[Unit]
Description=Web application
Requires=cache.service

[Container]
ContainerName=web
Image=ghcr.io/acme/web:2.3.1
; Image=ghcr.io/acme/web:edge
Environment=CACHE_URL=redis://cache:6379 \\
  LOG_LEVEL=info
Volume=web-data.volume:/data:Z

[Service]
Restart=always

[Install]
WantedBy=default.target
"""


def test_quadlet_units_are_known_by_their_suffixes() -> None:
    assert kind_of("deploy/quadlets/web.container") is Kind.QUADLET
    assert kind_of("web.image") is None  # a Quadlet image unit by its content (the walk), not every `*.image` file
    assert kind_of("web.volume") is None  # no image of its own here


def test_the_image_of_a_container_unit_with_its_line() -> None:
    assert images_in(Kind.QUADLET, CONTAINER, "web.container") == [
        Found("ghcr.io/acme/web:2.3.1", "web.container", 8, use="[Container] Image", kind="Podman Quadlet unit"),
    ]


def test_an_image_unit_is_pulled_and_a_container_naming_it_adds_nothing() -> None:
    image_unit = "[Image]\nImage=docker.io/library/postgres:17\n"
    assert [item.text for item in images_in(Kind.QUADLET, image_unit, "db.image")] == ["docker.io/library/postgres:17"]
    assert images_in(Kind.QUADLET, "[Container]\nImage=db.image\n", "db.container") == []
    assert images_in(Kind.QUADLET, "[Container]\nImage=app.build\n", "app.container") == []


def test_pull_never_and_other_sections_are_not_pulls() -> None:
    assert images_in(Kind.QUADLET, "[Container]\nImage=localhost/app:dev\nPull=never\n", "app.container") == []
    assert images_in(Kind.QUADLET, "[Unit]\nImage=alpine:3.20\n", "odd.container") == []


def test_a_specifier_or_variable_is_unresolved_naming_it() -> None:
    found = images_in(Kind.QUADLET, "[Container]\nImage=registry.example/%u/app:1\n", "app.container")
    assert [(item.line, item.problem) for item in found] == [(2, "%u is a systemd specifier, known only on the host")]
