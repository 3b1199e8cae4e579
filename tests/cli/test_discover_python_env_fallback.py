"""`ecr-mirror discover` reads a Python Testcontainers image whose tag is a helper's parameter defaulting to a module
constant bound to `os.environ.get("NAME") or "default"`: the fallback, and each value a workflow's test job gives
the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

SERVER = """\
import os
from contextlib import contextmanager

from testcontainers.core.container import DockerContainer

SERVER_IMAGE_REPO = "acme/query-server"
SERVER_VERSION = os.environ.get("SERVER_VERSION") or "latest"


@contextmanager
def start_development_server(port=None, server_version=SERVER_VERSION):
    server = DockerContainer(f"{SERVER_IMAGE_REPO}:{server_version}").with_bind_ports(8080, port)
    server.start()
    yield server
    server.stop()
"""

WORKFLOW = """\
name: ci
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.12", "3.13"]
        server: ["latest"]
        include:
          - { python: "3.13", server: "351" }
    env:
      SERVER_VERSION: "${{ matrix.server }}"
    steps:
      - uses: actions/checkout@v4
      - run: pip install .[tests]
      - name: Run tests
        run: |
          pytest -s tests/
"""


def test_a_parameter_default_bound_to_an_environment_variable_or_a_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/development_server.py").write_text(SERVER)
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/ci.yml").write_text(WORKFLOW)
    records = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert sorted(records) == [
        ("tests/development_server.py", 12, "acme/query-server:351", "public"),
        ("tests/development_server.py", 12, "acme/query-server:latest", "public"),
    ]


def test_an_environment_variable_without_a_fallback_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/development_server.py").write_text(SERVER.replace(' or "latest"', ""))
    assert discover_records(tmp_path, monkeypatch, capsys) == []
