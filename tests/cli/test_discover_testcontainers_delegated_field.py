"""`ecr-mirror discover` on a Java test extension whose no-argument constructor delegates to the one taking the
image (`this(IMAGE_NAME)`), which keeps it in a field (`this.imageName = imageName;`) that the extension later gives
its container (`new PostgreSQLContainer<>(this.imageName)`): the image is the constant `this(...)` passes. A field
kept from a parameter but given to no container, and a `this(...)` of a class keeping no such field, give
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

EXTENSION = """\
package org.acme.util;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.PostgreSQLContainer;

public final class DatabaseExtension implements BeforeAllCallback {

    static final String IMAGE_NAME = "postgres:17.2";

    private final String imageName;

    private PostgreSQLContainer<?> container;

    public DatabaseExtension() {
        this(IMAGE_NAME);
    }

    public DatabaseExtension(String imageName) {
        this.imageName = imageName;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        this.container = new PostgreSQLContainer<>(this.imageName);
        this.container.start();
    }
}
"""

LABELLED = """\
package org.acme.util;

import org.testcontainers.containers.GenericContainer;

public final class LabelledResource {

    static final String DEFAULT_LABEL = "acme/labelled:1.0";

    private final String label;

    private final GenericContainer<?> container = new GenericContainer<>("redis:7.4");

    public LabelledResource() {
        this(DEFAULT_LABEL);
    }

    public LabelledResource(String label) {
        this.label = label;
    }
}
"""


def test_an_image_kept_in_a_field_by_a_delegated_constructor_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = "src/test/java/org/acme/util/"
    write_tree(tmp_path, {base + "DatabaseExtension.java": EXTENSION, base + "LabelledResource.java": LABELLED})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"], r["status"]) for r in records) == [
        ("postgres:17.2", base + "DatabaseExtension.java", 9, "public"),
        ("redis:7.4", base + "LabelledResource.java", 11, "public"),
    ]
