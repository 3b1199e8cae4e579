"""`ecr-mirror discover` does not take the image names a Testcontainers module only checks a given image against
for pulls: `assertCompatibleWith(DockerImageName... anyOthers)` takes several names, so a name handed as its second
argument (`assertCompatibleWith(DEFAULT_IMAGE_NAME, GHCR_IMAGE_NAME)`) or a `DockerImageName.parse("repo")` written
inside its arguments is compared, not started
(https://javadoc.io/doc/org.testcontainers/testcontainers/latest/org/testcontainers/utility/DockerImageName.html);
nor is a name bound to `DockerImageName.parse("repo").asCompatibleSubstituteFor("other")` that the file only
starts with a tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PROXY = """\
package org.acme.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class RelayContainer extends GenericContainer<RelayContainer> {

    private static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("acme/relay");

    private static final DockerImageName GHCR_IMAGE_NAME = DockerImageName.parse("ghcr.io/acme/relay");

    private static final String DEFAULT_TAG = "3.2.0";

    public RelayContainer() {
        this(DEFAULT_IMAGE_NAME.withTag(DEFAULT_TAG));
    }

    public RelayContainer(DockerImageName dockerImageName) {
        super(dockerImageName);
        dockerImageName.assertCompatibleWith(
            DEFAULT_IMAGE_NAME,
            GHCR_IMAGE_NAME,
            DockerImageName.parse("quay.io/acme/relay")
        );
    }
}
"""

PROVIDER = """\
package org.acme.testing;

import org.testcontainers.utility.DockerImageName;

public class GeoDbContainerProvider {

    private static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName
        .parse("acme/geodb")
        .asCompatibleSubstituteFor("postgres");

    public Object newInstance(String tag) {
        return new AcmePostgresContainer(DEFAULT_IMAGE_NAME.withTag("16-3.4"));
    }
}
"""


def test_names_only_compared_with_are_not_pulls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "relay/src/main/java/org/acme/testing/RelayContainer.java": PROXY,
            "geo/src/main/java/org/acme/testing/GeoDbContainerProvider.java": PROVIDER,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert rows == {
        ("relay/src/main/java/org/acme/testing/RelayContainer.java", 15, "acme/relay:3.2.0", "public"),
        ("geo/src/main/java/org/acme/testing/GeoDbContainerProvider.java", 12, "acme/geodb:16-3.4", "public"),
    }


BROWSER = """\
package org.acme.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class KioskBrowserContainer extends GenericContainer<KioskBrowserContainer> {

    private static final DockerImageName CHROMIUM_IMAGE = DockerImageName.parse("acme/kiosk-chromium");

    private static final DockerImageName GECKO_IMAGE = DockerImageName.parse("acme/kiosk-gecko");

    private static final DockerImageName[] COMPATIBLE_IMAGES = new DockerImageName[] {
        CHROMIUM_IMAGE,
        GECKO_IMAGE,
    };

    public KioskBrowserContainer(DockerImageName dockerImageName) {
        super(dockerImageName);
        dockerImageName.assertCompatibleWith(COMPATIBLE_IMAGES);
    }
}
"""


def test_names_only_in_an_array_of_compared_names_are_not_pulls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"kiosk/src/main/java/org/acme/testing/KioskBrowserContainer.java": BROWSER})
    assert discover_records(tmp_path, monkeypatch, capsys) == []
