"""Images a Python file (a pytest conftest, a CI helper) pulls by running docker through subprocess or os.system."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_commands import may_run_docker, python_docker_builds, python_docker_runs

CONFTEST = """\
import os
import subprocess


def start_minio(project):
    access_key = "AKIAEXAMPLE"
    cmd = (
        "docker",
        "run",
        "--name",
        "minio",
        "-d",
        "-e",
        f"MINIO_ACCESS_KEY={access_key}",
        "--network",
        f"{project}_default",
        "minio/minio:RELEASE.2025-04-22T22-12-26Z",
        "server",
        "/data",
    )
    subprocess.check_call(cmd)
    subprocess.run(["docker", "pull", "redis:7.4-alpine"], check=True)
    subprocess.run("docker run --rm -d -p 5432:5432 postgres:16.4", shell=True)
    os.system("docker run --rm busybox:1.36 true")
    subprocess.run(["docker", "run", "--rm", IMAGE])  # a name: known only when it runs
    subprocess.run(["docker", "run", f"mysql:{VERSION}"])
    subprocess.call(("docker", "rm", "minio", "-f"))
    # subprocess.run(["docker", "pull", "commented:1"])
    print("docker run nginx:1.27")  # not a command
"""


def _listed(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in python_docker_runs(text, "tests/conftest.py")]


def test_commands_as_argument_tuples_lists_and_shell_strings() -> None:
    listed = _listed(CONFTEST)
    resolved = [(text, line) for text, line, problem in listed if problem is None]
    assert resolved == [
        ("minio/minio:RELEASE.2025-04-22T22-12-26Z", 7),
        ("redis:7.4-alpine", 22),
        ("postgres:16.4", 23),
        ("busybox:1.36", 24),
    ]
    # an image given by a name or an f-string is not listed as an image; nothing else is
    assert all("nginx" not in text and "commented" not in text for text, _, _ in listed)
    assert [line for _, line, problem in listed if problem is not None] == [25, 26]


def test_only_python_files_that_mention_docker_are_decoded() -> None:
    assert may_run_docker("tests/conftest.py", CONFTEST.encode())
    assert not may_run_docker("tests/conftest.py", b"import os\n")
    assert not may_run_docker("setup.js", CONFTEST.encode())


def test_the_images_a_python_source_builds_through_docker_or_the_docker_sdk() -> None:
    text = """\
import subprocess
import docker
client = docker.from_env()
subprocess.run(["docker", "build", "-t", "acme/it:dev", "."], check=True)
client.images.build(path=".", buildargs={"A": "1"}, tag="acme/seeder:latest", rm=True)
client.images.build(path=".", tag=f"acme/{name}:latest")
# client.images.build(path=".", tag="commented/out:1")
client.images.build(path=[x for x in paths][0], tag="acme/after-brackets:1")
"""
    assert [(b.name, b.line, b.how) for b in python_docker_builds(text, "tests/conftest.py")] == [
        ("acme/it:dev", 4, "docker build -t"),
        ("acme/seeder:latest", 5, "docker SDK images.build"),
        ("acme/after-brackets:1", 8, "docker SDK images.build"),
    ]
