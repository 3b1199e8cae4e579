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
