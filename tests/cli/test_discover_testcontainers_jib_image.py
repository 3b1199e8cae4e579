"""`ecr-mirror discover` lists the base image of a Testcontainers `JibImage` (https://java.testcontainers.org/features/jib/):
`new GenericContainer<>(new JibImage("busybox:1.36", builder -> builder.setEntrypoint(...)))` builds on the base
image, which the build pulls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TEST = """\
package org.acme.jobs;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.jib.JibImage;

class EchoJobTest {

    @Test
    void runsTheEntrypoint() {
        try (
            GenericContainer<?> echo = new GenericContainer<>(
                new JibImage(
                    "busybox:1.36",
                    jibContainerBuilder -> jibContainerBuilder.setEntrypoint("echo", "done")
                )
            )
        ) {
            echo.start();
        }
    }
}
"""


def test_a_jib_image_s_base_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"jobs/src/test/java/org/acme/jobs/EchoJobTest.java": TEST})
    rows = {(r["file"], r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert rows == {("jobs/src/test/java/org/acme/jobs/EchoJobTest.java", 13, "busybox:1.36")}
