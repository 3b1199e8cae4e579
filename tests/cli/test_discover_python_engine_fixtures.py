"""`discover` on a Python test that runs the container engine a pytest fixture parametrizes (docker, podman)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_FIXTURE = (
    "import subprocess\n"
    "import pytest\n"
    '@pytest.fixture(params=["docker", "podman"], scope="module")\n'
    "def engine(request):\n"
    "    yield EngineConfig(name=request.param)\n"
)


def test_a_command_run_by_an_engine_fixture_of_docker_and_podman_is_read_and_another_fixtures_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "unit_test/engine_test.py": (
            _FIXTURE + "def test_pull(engine, tmp_path):\n"
            '    remote_image = "debian:trixie-slim"\n'
            '    subprocess.run([engine.name, "pull", "--platform=linux/arm64", remote_image], check=True)\n'
        ),
        # a fixture of other programs: `git pull` is no image pull
        "unit_test/vcs_test.py": (
            "import subprocess\n"
            "import pytest\n"
            '@pytest.fixture(params=["git", "hg"])\n'
            "def vcs(request):\n"
            "    yield Tool(name=request.param)\n"
            "def test_pull(vcs):\n"
            '    subprocess.run([vcs.name, "pull", "origin"], check=True)\n'
        ),
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert rows == [("unit_test/engine_test.py", 8, "Python source", "docker pull", "debian:trixie-slim", "public")]
