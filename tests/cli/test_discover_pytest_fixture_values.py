"""`ecr-mirror discover` on pytest suites whose container image is joined from a fixture's value: a fixture that
returns an environment variable with a default (given by a CI job's matrix), a fixture's `params`, and the values
`pytest_generate_tests` parametrizes a fixture name with, handed to Testcontainers or to the Docker SDK's low-level
client (itself a fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONTAINERS = """\
import os

import pytest
from testcontainers.redis import RedisContainer


@pytest.fixture(scope="session")
def cache_version() -> str:
    \"\"\"The cache server's version.\"\"\"
    return os.getenv("APP_TEST_CACHE_VERSION", "7.2")


@pytest.fixture(scope="session")
def cache_container(cache_version: str):
    with RedisContainer(f"valkey/valkey:{cache_version}") as cache:
        yield cache


@pytest.fixture(params=["16", "17"])
def pg_major(request):
    return request.param


def test_database(pg_major):
    with RedisContainer(f"postgres:{pg_major}-alpine"):
        pass


def computed() -> str:
    return "9"


@pytest.fixture
def other_version():
    version = computed()
    return version


def test_other(other_version):
    with RedisContainer(f"example/other:{other_version}"):
        pass
"""

WORKFLOW = """\
on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    env:
      APP_TEST_CACHE_VERSION: "9.9"
    steps:
      - run: ruff check .
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.12"]
        cache: ["7.0"]
        include:
          - python: "3.12"
            cache: "8.0"
    env:
      APP_TEST_CACHE_VERSION: ${{ matrix.cache }}
    steps:
      - uses: actions/checkout@v4
      - run: pip install -e .
      - run: make test
"""


def test_a_fixture_value_reaches_the_container_with_the_values_ci_gives_its_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/conftest.py": CONTAINERS, ".github/workflows/ci.yml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["status"] != "unresolved"}
    conftest = "tests/conftest.py"
    assert {(file, line, reference) for file, line, reference, _ in listed} == {
        (conftest, 15, "valkey/valkey:7.2"),
        (conftest, 15, "valkey/valkey:7.0"),
        (conftest, 15, "valkey/valkey:8.0"),
        (conftest, 25, "postgres:16-alpine"),
        (conftest, 25, "postgres:17-alpine"),
    }
    assert {status for *_, status in listed} == {"public"}
    uses = {r["use"] for r in records if r["reference"] == "valkey/valkey:8.0"}
    assert uses == {"testcontainers (APP_TEST_CACHE_VERSION of .github/workflows/ci.yml:19)"}


SDK = """\
import pytest
from docker import APIClient
from git import Repo


@pytest.fixture(scope="session")
def engine():
    return APIClient(version="auto")


@pytest.fixture
def repo():
    return Repo(".")


def pytest_addoption(parser):
    parser.addoption("--db-version", action="append", default=[])


def pytest_generate_tests(metafunc):
    if "db_version" in metafunc.fixturenames:
        versions = set(metafunc.config.option.db_version)
        if not versions:
            versions = ["16"]
        elif "every" in versions:
            versions = ["14", "15", "16"]
        else:
            versions = list(versions)
        metafunc.parametrize("db_version", versions, scope="session")


@pytest.fixture(scope="session")
def db_server(engine, db_version, repo):
    repo.pull(f"example/branch:{db_version}")
    engine.pull(f"postgres:{db_version}")
    return engine.create_container(image=f"postgres:{db_version}")
"""


def test_a_low_level_client_fixture_pulls_each_value_pytest_generate_tests_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/conftest.py": SDK})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tests/conftest.py", 35, "postgres:14", "public"),
        ("tests/conftest.py", 35, "postgres:15", "public"),
        ("tests/conftest.py", 35, "postgres:16", "public"),
    }


CORE_CLIENT = """\
from testcontainers.core.container import DockerContainer
from testcontainers.core.docker_client import DockerClient


def test_forwarded_socket():
    client = DockerClient()
    forwarder = client.run(
        image="alpine/socat",
        command="tcp-listen:2375,fork,reuseaddr unix-connect:/var/run/docker.sock",
        detach=True,
    )
    runner = Runner()
    runner.run(image="example/not-a-pull:1")
    with DockerContainer("hello-world"):
        pass


def test_patched(monkeypatch):
    client = DockerClient()
    monkeypatch.setattr(client, "client", FakeClient())
    assert client.run("example/patched") == b"CONTAINER"
"""


def test_testcontainers_own_docker_client_runs_and_pulls_its_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/test_socket.py": CORE_CLIENT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        ("tests/test_socket.py", 8, "alpine/socat:latest", "public", "testcontainers DockerClient run"),
        ("tests/test_socket.py", 14, "hello-world:latest", "public", "testcontainers"),
    }
