"""DevSpace configurations (`devspace.yaml`): the dev image that replaces a selected container's image in dev mode
(`dev.NAME.devImage`, `dev.NAME.containers.NAME.devImage`, v1beta's `dev.replacePods[].replaceImage`), its `${VAR}`
from the file's `vars:`; not the images DevSpace builds (`images:`) nor the selector of the container to replace."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.devspace import devspace_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.errors import ConfigError

CONFIG = """\
version: v2beta1
name: shop

vars:
  GO_VERSION: "1.23"
  TOOLS_IMAGE:
    default: ghcr.io/acme/tools:2
  REGISTRY:
    source: env

images:
  api:
    image: ghcr.io/acme/shop-api
    dockerfile: ./Dockerfile

dev:
  api:
    imageSelector: ghcr.io/acme/shop-api
    devImage: ghcr.io/loft-sh/devspace-containers/go:${GO_VERSION}-alpine
    sync:
      - path: ./
  worker:
    labelSelector:
      app: worker
    containers:
      main:
        devImage: ${TOOLS_IMAGE}
      sidecar:
        devImage: $REGISTRY/acme/sidecar-dev:1
  web:
    imageSelector: node:22
    ports:
      - port: "3000"
"""


def test_a_devspace_configuration_is_known_by_name() -> None:
    assert kind_of("devspace.yaml") is Kind.DEVSPACE
    assert kind_of("deploy/devspace.yml") is Kind.DEVSPACE
    assert kind_of("devspace_start.yaml") is Kind.YAML


def test_dev_images_are_pulled_and_selected_or_built_images_are_not() -> None:
    found = images_in(Kind.DEVSPACE, CONFIG, "devspace.yaml")
    unset = "${REGISTRY} is set by DevSpace from the environment or a prompt when the configuration is used"
    assert [(item.text, item.line, item.use, item.problem) for item in found] == [
        ("ghcr.io/loft-sh/devspace-containers/go:1.23-alpine", 19, "dev.api.devImage", None),
        ("ghcr.io/acme/tools:2", 27, "dev.worker.containers.main.devImage", None),
        ("$REGISTRY/acme/sidecar-dev:1", 29, "dev.worker.containers.sidecar.devImage", unset),
    ]
    assert {item.kind for item in found} == {"DevSpace configuration"}
    assert "ghcr.io/acme/shop-api" not in {item.text for item in found}
    assert "node:22" not in {item.text for item in found}


def test_replace_pods_of_the_older_schema() -> None:
    config = """\
version: v1beta11
vars:
  - name: TAG
    value: "3.20"
dev:
  replacePods:
    - imageSelector: acme/app
      replaceImage: alpine:${TAG}
    - labelSelector: {app: db}
      replaceImage: loftsh/javascript:latest
"""
    assert devspace_images(config, "devspace.yaml") == [
        Found("alpine:3.20", "devspace.yaml", 8, None, "dev.replacePods[].replaceImage"),
        Found("loftsh/javascript:latest", "devspace.yaml", 10, None, "dev.replacePods[].replaceImage"),
    ]


def test_other_shapes_add_nothing_and_bad_yaml_is_an_error_naming_it() -> None:
    assert devspace_images("- a list\n---\ndev: [a]\n---\ndev: {x: 1, y: {containers: [1]}}\n", "devspace.yaml") == []
    with pytest.raises(ConfigError, match=r"^devspace\.yaml: not valid YAML"):
        devspace_images("dev: [a\n", "devspace.yaml")
