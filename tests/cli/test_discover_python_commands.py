"""`discover` on a tree whose Python test setup runs docker through subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def test_a_conftest_that_runs_docker_is_read_and_a_python_file_without_docker_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "tests/conftest.py": 'import subprocess\nsubprocess.check_call(["docker", "run", "valkey/valkey:8.0"])\n',
            "app/images.py": 'DEFAULT = ["redis", "run", "alpine:3.20"]\n',
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "valkey/valkey:8.0  # tests/conftest.py\n"


def test_images_a_python_test_setup_builds_before_it_starts_them_are_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "tests/Dockerfile.seeder": "FROM python:3.13-slim\n",
            "tests/fixtures/seeder.py": (
                "import docker\n"
                "from testcontainers.core.container import DockerContainer\n"
                "def seeder():\n"
                "    client = docker.from_env()\n"
                "    client.images.build(\n"
                '        path=".", dockerfile="Dockerfile.seeder", tag="acme-tests-seeder:latest", rm=True\n'
                "    )\n"
                '    return DockerContainer("acme-tests-seeder:latest")\n'
            ),
            "tests/fixtures/app.py": (
                "import subprocess\n"
                "from testcontainers.core.container import DockerContainer\n"
                "def app(context):\n"
                "    subprocess.run(\n"
                '        ["docker", "build", "--file", "Dockerfile.it", "--tag", "acme:integration", str(context)],\n'
                "        check=True,\n"
                "    )\n"
                '    return DockerContainer("acme:integration"), DockerContainer("redis:7.4")\n'
            ),
        },
    )
    assert main(["discover", "."]) == 0
    assert [line.split() for line in capsys.readouterr().out.splitlines()] == [
        ["python:3.13-slim", "#", "tests/Dockerfile.seeder"],
        ["redis:7.4", "#", "tests/fixtures/app.py"],
    ]
