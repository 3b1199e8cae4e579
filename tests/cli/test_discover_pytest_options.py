"""`ecr-mirror discover` on a test suite that pulls the image a pytest command-line option names: the conftest
defines `--docker-image`, pulls `request.config.getoption("--docker-image")` through the Docker SDK, and the
Makefile runs `pytest --docker-image $(DOCKER_IMAGE)` with the image joined from its own defaults (aiokafka's
shape)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONFTEST = """\
import docker
import pytest


def pytest_addoption(parser):
    parser.addoption("--docker-image", action="store", default=None, help="broker image")
    parser.addoption("--junit-name", action="store", default=None)


@pytest.fixture(scope="session")
def broker_image(request):
    image = request.config.getoption("--docker-image")
    if not image:
        pytest.skip("no --docker-image given")
    client = docker.from_env()
    client.images.pull(image)
    return image


@pytest.fixture(scope="session")
def report_name(pytestconfig):
    name = pytestconfig.getoption("junit_name")
    return name
"""

MAKEFILE = """\
BROKER_VERSION ?= 3.7.1
SCALA_VERSION ?= 2.13
DOCKER_IMAGE = example/broker:$(SCALA_VERSION)_$(BROKER_VERSION)

test:
\tpytest -s --docker-image $(DOCKER_IMAGE) --junit-name example/not-an-image:1 tests

echo:
\techo "pytest --docker-image example/not-run:1"
"""

WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pytest --docker-image "example/broker:${{ matrix.tag }}" tests
      - run: pytest --docker-image example/broker:ci tests
"""

SCRIPT = """\
#!/bin/sh
set -e
python -m pytest -v --docker-image=example/broker:nightly tests
"""


def test_an_image_a_pytest_option_names_is_listed_where_the_command_passes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/conftest.py": CONFTEST,
            "Makefile": MAKEFILE,
            "scripts/nightly.sh": SCRIPT,
            ".github/workflows/ci.yml": WORKFLOW,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["line"], r["reference"], r["use"]) for r in records if r["status"] != "unresolved"}
    assert listed == {
        ("Makefile", 6, "example/broker:2.13_3.7.1", "pytest --docker-image"),
        ("scripts/nightly.sh", 3, "example/broker:nightly", "pytest --docker-image"),
        (".github/workflows/ci.yml", 8, "example/broker:ci", "pytest --docker-image"),
    }
    unresolved = {(r["file"], r["line"], r["written"]) for r in records if r["status"] == "unresolved"}
    assert (".github/workflows/ci.yml", 7, "example/broker:${{ matrix.tag }}") in unresolved


def test_a_pytest_option_no_source_pulls_names_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    conftest = 'def pytest_addoption(parser):\n    parser.addoption("--docker-image")\n'
    write_tree(tmp_path, {"tests/conftest.py": conftest, "Makefile": MAKEFILE})
    assert discover_records(tmp_path, monkeypatch, capsys) == []
