"""`ecr-mirror discover` reads the image a Python Testcontainers class hands its base class in `__init__`
(`super().__init__("IMAGE", ...)`: `DockerContainer.__init__(self, image, ...)` starts that image,
https://testcontainers-python.readthedocs.io/en/latest/core/README.html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

SOURCE = """\
from __future__ import annotations

import shutil

EXPORTER_VERSION = "0.9.1"

if shutil.which("exporter") is None:
    from testcontainers.core.container import DockerContainer

    class ExporterContainer(DockerContainer):
        def __init__(self, port: int) -> None:
            super().__init__(f"docker.io/acme/exporter:{EXPORTER_VERSION}", network_mode="host")
            self.with_command(f"--port={port}")


class CacheContainer(DockerContainer):
    def __init__(self, image: str = "redis:7.2") -> None:
        super().__init__(image=image)


class Helper:
    def __init__(self) -> None:
        super().__init__("not-an-image:1")
"""


def test_the_literal_a_container_class_gives_its_base_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"tests/test_exporter.py": SOURCE}, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[4], row[5]) for row in rows) == [
        ("tests/test_exporter.py", 12, "acme/exporter:0.9.1", "public"),
        ("tests/test_exporter.py", 17, "redis:7.2", "public"),
    ]
