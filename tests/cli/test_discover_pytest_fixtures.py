"""`ecr-mirror discover` reads the image a pytest fixture gives a pytest-docker-tools container: a fixture named in
a `container(image="{NAME}")` template of the same file, and pytest-celery's vendor image fixtures
(`default_rabbitmq_broker_image`, ...) that a conftest overrides to change the image the plugin's container starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

CELERY_CONFTEST = """\
import pytest
from pytest_celery import CeleryTestSetup


@pytest.fixture
def default_rabbitmq_broker_image() -> str:
    # the plugin's default broker, pinned to an older major version
    return "rabbitmq:3.13"


@pytest.fixture
def default_worker_tasks(default_worker_tasks: set) -> set:
    return default_worker_tasks


@pytest.fixture
def celery_worker_name() -> str:
    return "worker-one"
"""

DOCKER_TOOLS = """\
import pytest
from pytest_docker_tools import container


@pytest.fixture(scope="session")
def cache_image():
    \"\"\"The cache the tests talk to.\"\"\"
    return "valkey/valkey:8.1"


@pytest.fixture
def other_image():
    return "not/an-image-any-container-uses:1"


cache = container(image="{cache_image}", ports={"6379/tcp": None})
"""

NO_PLUGIN = """\
import pytest


@pytest.fixture
def default_rabbitmq_broker_image() -> str:
    return "rabbitmq:3.13"
"""


def test_fixtures_that_give_a_container_its_image_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "t/smoke").mkdir(parents=True)
    (tmp_path / "t/smoke/conftest.py").write_text(CELERY_CONFTEST)
    (tmp_path / "t/smoke/test_cache.py").write_text(DOCKER_TOOLS)
    (tmp_path / "t/other").mkdir()
    (tmp_path / "t/other/conftest.py").write_text(NO_PLUGIN)
    records = [
        (r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        (
            "t/smoke/conftest.py",
            8,
            "Python source",
            "pytest fixture default_rabbitmq_broker_image",
            "rabbitmq:3.13",
            "public",
        ),
        ("t/smoke/test_cache.py", 8, "Python source", "pytest fixture cache_image", "valkey/valkey:8.1", "public"),
    ]
