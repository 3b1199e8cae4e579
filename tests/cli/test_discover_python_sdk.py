"""`ecr-mirror discover` reads the images a Python test pulls and starts through the Docker SDK, and takes an image
another Python file of the tree builds with the SDK as built there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

CONFTEST = """\
import docker
import pytest

DB_IMAGE = "postgres:16.4"


@pytest.fixture(scope="session")
def database():
    client = docker.from_env()
    client.images.pull("redis", tag="7.4")
    container = client.containers.run(DB_IMAGE, detach=True)
    yield container
    container.remove(force=True)
"""

BUILD = """\
import docker

client = docker.from_env()


def test_the_tester_image_runs():
    client.images.build(path="requirements", tag="acme-tester-ci")
    client.containers.run("acme-tester-ci", command="pytest --version")
"""


def test_docker_sdk_pulls_are_listed_and_an_image_built_by_the_sdk_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/conftest.py").write_text(CONFTEST)
    (tmp_path / "tests/test_build.py").write_text(BUILD)
    records = [
        (r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("tests/conftest.py", 4, "Python source", "docker SDK containers.run", "postgres:16.4", "public"),
        ("tests/conftest.py", 10, "Python source", "docker SDK images.pull", "redis:7.4", "public"),
        ("tests/test_build.py", 8, "Python source", "docker SDK containers.run", "acme-tester-ci:latest", "built-here"),
    ]
