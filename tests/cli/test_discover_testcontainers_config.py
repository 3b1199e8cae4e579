"""`ecr-mirror discover` reads the Ryuk image a Testcontainers for Java configuration file sets
(https://java.testcontainers.org/features/configuration/): a `testcontainers.properties` on the tests' classpath
(`src/test/resources/`), or `.testcontainers.properties` as written to a home directory. Testcontainers starts Ryuk,
its resource reaper, before the first container of every test run, so the image set there is always pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CLASSPATH_CONFIG = """\
# Testcontainers settings for the connector's integration tests
docker.client.strategy=org.testcontainers.dockerclient.UnixSocketClientProviderStrategy
ryuk.container.image = mirror.gcr.io/testcontainers/ryuk:0.11.0
testcontainers.reuse.enable=false
"""

HOME_CONFIG = """\
! written to ~/.testcontainers.properties by the CI setup script
ryuk.container.image: quay.io/acme/testcontainers-ryuk:0.12.0
"""

APPLICATION_PROPERTIES = """\
# an application's own settings, not read by Testcontainers
ryuk.container.image=acme/not-a-testcontainers-config:1.0
"""

COMMENTED = """\
#ryuk.container.image=acme/commented-ryuk:1.0
sshd.container.image=acme/sshd:1.0
"""


def test_ryuk_image_of_testcontainers_properties_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "connector/src/test/resources/testcontainers.properties": CLASSPATH_CONFIG,
            "ci/.testcontainers.properties": HOME_CONFIG,
            "app/src/main/resources/application.properties": APPLICATION_PROPERTIES,
            "other/src/test/resources/testcontainers.properties": COMMENTED,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"]) for r in records}
    assert rows == {
        (
            "connector/src/test/resources/testcontainers.properties",
            3,
            "Testcontainers configuration",
            "ryuk.container.image",
            "mirror.gcr.io/testcontainers/ryuk:0.11.0",
            "public",
        ),
        (
            "ci/.testcontainers.properties",
            2,
            "Testcontainers configuration",
            "ryuk.container.image",
            "quay.io/acme/testcontainers-ryuk:0.12.0",
            "public",
        ),
    }
