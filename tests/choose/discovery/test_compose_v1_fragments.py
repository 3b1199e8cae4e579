"""A YAML file of no compose name holding services at its top, compose's legacy version 1 format (no `services`
key: https://github.com/docker/compose/blob/v1/docs/compose-file-v1.md), each a mapping of compose's service keys
with `image` or `build`, is read as compose: wso2/product-microgateway's integration tests start
`src/test/resources/dockerCompose/git-service.yaml` (`gitea: {image: gitea/gitea:1.17.1, ...}`) with the gateway's
own compose file (set ZZZS, 2 misses). A mapping of settings with an `image` beside keys compose lacks is not one."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

FRAGMENT = """\

  gitea:
    image: gitea/gitea:1.17.1
    hostname: gitea
    environment:
      - USER_UID=1000
    restart: always
    volumes:
      - ./gitea/gitea/gitea.db:/data/gitea/gitea.db
    ports:
      - "8285:8285"
  opa:
    image: openpolicyagent/opa:0.37.2-static
    command: ["run", "--server"]
"""

SETTINGS = """\
media:
  image: acme/media:1
  disk: public
"""


def test_a_version_1_compose_fragment_is_read_as_compose() -> None:
    found = yaml_images(FRAGMENT, "src/test/resources/dockerCompose/git-service.yaml")
    assert [(item.line, item.text, item.kind) for item in found] == [
        (3, "gitea/gitea:1.17.1", "compose file"),
        (13, "openpolicyagent/opa:0.37.2-static", "compose file"),
    ]


def test_settings_with_an_image_key_are_not_compose() -> None:
    assert all(item.kind != "compose file" for item in yaml_images(SETTINGS, "config/media.yaml"))
