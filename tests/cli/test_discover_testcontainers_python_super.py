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


# a test of a library that wraps Testcontainers (its package named for it), subclassing the library's container
WRAPPER_TEST = """\
import pytest

from pytest_acme_testcontainers import DockerContainer


class SleepingContainer(DockerContainer):
    def __init__(self, disable_logging: bool = False) -> None:
        super().__init__(image="alpine:3.20", disable_logging=disable_logging)
        self.with_command("sleep infinity")


def test_container_starts() -> None:
    with SleepingContainer() as container:
        assert container.get_container_host_ip()
"""


def test_a_class_of_a_testcontainers_wrapper_package_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A module that imports a `...Container` from a package named for Testcontainers (`tomodachi_testcontainers`,
    `pytest_acme_testcontainers`: a library around testcontainers-python) is read as importing Testcontainers."""
    rows = tree_rows({"tests/test_sleeping.py": WRAPPER_TEST}, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("tests/test_sleeping.py", 8, "alpine:3.20", "public")
    ]
