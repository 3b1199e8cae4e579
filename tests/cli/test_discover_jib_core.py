"""`ecr-mirror discover` lists the base images a Java integration test builds on with Jib Core."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

SOURCE = """\
package com.example;

class MultiPlatformIT {
  @Test
  void build() throws Exception {
    Jib.from(RegistryImage.named("busybox@sha256:4f47c01fa91355af2865ac10fef5bf6ec9c7f42ad2321377c21e844427972977"))
        .containerize(Containerizer.to(DockerDaemonImage.named("multi-platform")));
  }
}
"""


def test_a_jib_core_base_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows({"src/it/java/MultiPlatformIT.java": SOURCE}, tmp_path, monkeypatch, capsys)
    digest = "4f47c01fa91355af2865ac10fef5bf6ec9c7f42ad2321377c21e844427972977"
    assert ("src/it/java/MultiPlatformIT.java", 6, "Java source", "Jib.from", f"busybox@sha256:{digest}", "public") in [
        tuple(record) for record in records
    ]
