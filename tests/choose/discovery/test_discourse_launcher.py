"""Discourse's `launcher` builds a container from a YAML definition (`containers/app.yml`, and the templates and
samples it merges): `base_image` is the image `launcher bootstrap` pulls and builds from, `run_image` one it runs."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in

TEMPLATE = """\
base_image: acme/forum-base:2.0.20250101-0001
params:
  db_synchronous_commit: "off"
env:
  LANG: en_US.UTF-8
run:
  - exec: echo "template run"
hooks:
  after_code:
    - exec:
        cmd: [echo done]
"""

CONTAINER = """\
## a mail container
base_image: "acme/mail-receiver:release"
update_pups: false
expose:
  - "25:25"
volumes:
  - volume:
      host: /var/forum/shared/mail
      guest: /var/log
"""

RUN_IMAGE = """\
templates:
  - "templates/web.template.yml"
run_image: ghcr.io/acme/forum-web:1.4
expose: ["80:80"]
"""

NOT_LAUNCHER = """\
base_image: acme/forum-base:2.0
steps:
  - run: make
"""


def _read(text: str, origin: str) -> list[tuple[str, int | None, str | None, str]]:
    return [(f.text, f.line, f.problem, f.use) for f in images_in(Kind.YAML, text, origin)]


def test_a_launcher_template_names_its_base_image() -> None:
    assert _read(TEMPLATE, "templates/web.template.yml") == [
        ("acme/forum-base:2.0.20250101-0001", 1, None, "base_image"),
    ]


def test_a_container_definition_names_its_base_image() -> None:
    assert _read(CONTAINER, "samples/mail-receiver.yml") == [("acme/mail-receiver:release", 2, None, "base_image")]


def test_a_container_definition_names_the_image_it_runs() -> None:
    assert _read(RUN_IMAGE, "containers/app.yml") == [("ghcr.io/acme/forum-web:1.4", 3, None, "run_image")]


def test_yaml_with_other_keys_is_not_a_launcher_definition() -> None:
    assert _read(NOT_LAUNCHER, "ci/pipeline.yml") == []
