"""The images a Spring Boot application's own configuration names (spring_property_images.py): a key naming an image
in `application.properties` (or a profile's `application-PROFILE.properties`) under `src/main/resources`, the value a
reference with a tag or a digest, a `${NAME:default}` placeholder read as its default."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.spring_property_images import spring_property_images
from tests.support.trees import discover_records, write_tree

PROPERTIES = """\
server.port=8080
# the pods the API starts for each job
acme.executor.ephemeral.image=${ExecutorImage:ghcr.io/acme/executor:2.4.0}
acme.executor.ephemeral.namespace=${ExecutorNamespace:acme}
acme.cleanup.image = busybox:1.36
acme.sidecar.image=alpine/curl
acme.helper.docker-image: quay.io/acme/helper@sha256:1111111111111111111111111111111111111111111111111111111111111111
acme.report.image.pullPolicy=IfNotPresent
acme.runner.image=${RunnerImage}
quarkus.container-image.image=acme/api:1.0.0
ryuk.container.image=acme/ryuk:1.0
"""


def test_image_keys_of_a_spring_configuration_file_are_read() -> None:
    found = spring_property_images(PROPERTIES, "api/src/main/resources/application.properties")
    assert [(item.line, item.text, item.use) for item in found] == [
        (3, "ghcr.io/acme/executor:2.4.0", "acme.executor.ephemeral.image (Spring property)"),
        (5, "busybox:1.36", "acme.cleanup.image (Spring property)"),
        (
            7,
            "quay.io/acme/helper@sha256:1111111111111111111111111111111111111111111111111111111111111111",
            "acme.helper.docker-image (Spring property)",
        ),
    ]


def test_a_profiles_file_is_read_and_test_resources_are_not() -> None:
    assert len(spring_property_images(PROPERTIES, "api/src/main/resources/application-demo.properties")) == 3
    assert spring_property_images(PROPERTIES, "api/src/test/resources/application.properties") == []
    assert spring_property_images(PROPERTIES, "api/src/main/resources/messages.properties") == []


def test_discover_reads_an_applications_spring_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"api/src/main/resources/application.properties": PROPERTIES})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"]) for r in records} == {
        ("api/src/main/resources/application.properties", 3, "ghcr.io/acme/executor:2.4.0"),
        ("api/src/main/resources/application.properties", 5, "busybox:1.36"),
        (
            "api/src/main/resources/application.properties",
            7,
            "quay.io/acme/helper@sha256:1111111111111111111111111111111111111111111111111111111111111111",
        ),
    }


APPLICATION_YAML = """\
server:
  port: 8080
acme:
  build:
    proxy:
      images:
        alpine: ${PROXY_IMAGE_ALPINE:ghcr.io/acme/proxy:0.1.0-alpine}
        debian: "ghcr.io/acme/proxy:0.1.0-debian"
      timeout: 30
  git-clone-image: ${GIT_CLONE_IMAGE:alpine/git:2.52.0}
  builder-image: moby/buildkit:v0.27.1  # the build jobs' image
  sidecar-image: alpine/curl
  report:
    image:
      pullPolicy: IfNotPresent
  runner-image: ${RUNNER_IMAGE}
  regions:
    - name: eu
      image: not-read/list:1.0
---
spring:
  config:
    activate:
      on-profile: demo
acme:
  builder-image: moby/buildkit:v0.27.1-rootless
"""


def test_image_keys_of_a_spring_yaml_configuration_are_read_by_their_dotted_keys() -> None:
    found = spring_property_images(APPLICATION_YAML, "api/src/main/resources/application.yml")
    assert [(item.line, item.text, item.use) for item in found] == [
        (7, "ghcr.io/acme/proxy:0.1.0-alpine", "acme.build.proxy.images.alpine (Spring property)"),
        (8, "ghcr.io/acme/proxy:0.1.0-debian", "acme.build.proxy.images.debian (Spring property)"),
        (10, "alpine/git:2.52.0", "acme.git-clone-image (Spring property)"),
        (11, "moby/buildkit:v0.27.1", "acme.builder-image (Spring property)"),
        (26, "moby/buildkit:v0.27.1-rootless", "acme.builder-image (Spring property)"),
    ]
    assert len(spring_property_images(APPLICATION_YAML, "api/src/main/resources/application-demo.yaml")) == 5
    assert len(spring_property_images(APPLICATION_YAML, "src/main/resources/application.yml")) == 5  # at the top
    assert spring_property_images(APPLICATION_YAML, "api/src/test/resources/application.yml") == []


def test_an_images_map_of_a_properties_file_is_read() -> None:
    text = "acme.proxy.images.alpine=ghcr.io/acme/proxy:0.1.0-alpine\nacme.proxy.names.alpine=ghcr.io/acme/x:1\n"
    found = spring_property_images(text, "api/src/main/resources/application.properties")
    assert [(item.line, item.text) for item in found] == [(1, "ghcr.io/acme/proxy:0.1.0-alpine")]


def test_discover_reads_an_applications_spring_yaml_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"api/src/main/resources/application.yml": APPLICATION_YAML})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"]) for r in records} == {
        (7, "ghcr.io/acme/proxy:0.1.0-alpine"),
        (8, "ghcr.io/acme/proxy:0.1.0-debian"),
        (10, "alpine/git:2.52.0"),
        (11, "moby/buildkit:v0.27.1"),
        (26, "moby/buildkit:v0.27.1-rootless"),
    }
