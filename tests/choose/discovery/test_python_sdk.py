"""The images a Python file pulls and starts through the Docker SDK for Python (or podman-py, the same API):
`client.images.pull(REPOSITORY, tag=TAG)` and `client.containers.run(IMAGE, ...)`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_sdk import python_sdk_pulls

FIXTURE = """\
import docker

CACHE_IMAGE = "redis:7.4-alpine"
PG_MAJOR = "16"
client = docker.from_env()


def start_cache():
    client.images.pull("acme/cache", tag="2.1")
    return client.containers.run(CACHE_IMAGE, detach=True, ports={"6379/tcp": None})


def start_db(version):
    # client.containers.run("commented:1")
    db = client.containers.run(
        image="postgres:16",
        environment={"POSTGRES_PASSWORD": "x"},
        detach=True,
    )
    client.containers.run(f"postgres:{PG_MAJOR}-alpine", detach=True)
    client.containers.run(f"postgres:{version}", detach=True)
    client.containers.create("acme/never-pulled:1")
    return db
"""


def _pulls(text: str, origin: str = "tests/conftest.py") -> list[tuple[str, int | None, str | None, str]]:
    return [(item.text, item.line, item.problem, item.use) for item in python_sdk_pulls(text, origin)]


def test_literals_constants_and_f_strings_given_to_images_pull_and_containers_run() -> None:
    pulls = _pulls(FIXTURE)
    assert [(text, line, use) for text, line, problem, use in pulls if problem is None] == [
        ("redis:7.4-alpine", 3, "docker SDK containers.run"),
        ("acme/cache:2.1", 9, "docker SDK images.pull"),
        ("postgres:16", 16, "docker SDK containers.run"),
        ("postgres:16-alpine", 20, "docker SDK containers.run"),
    ]


def test_an_f_string_field_with_no_value_in_the_file_is_unresolved_naming_it() -> None:
    unresolved = [(text, line, problem) for text, line, problem, _ in _pulls(FIXTURE) if problem is not None]
    assert len(unresolved) == 1
    text, line, problem = unresolved[0]
    assert (text, line) == ("postgres:{version}", 21)
    assert problem is not None and "`version`" in problem


def test_containers_create_does_not_pull_and_is_not_read() -> None:
    assert all("never-pulled" not in text for text, *_ in _pulls(FIXTURE))


def test_a_tag_replaces_the_repository_s_own_and_a_digest_is_joined_with_an_at() -> None:
    text = (
        "from docker import DockerClient\n"
        "engine = DockerClient(base_url='unix:///var/run/docker.sock')\n"
        "engine.images.pull('busybox:1.35', tag='1.36')\n"
        "engine.images.pull('alpine', 'sha256:" + "a" * 64 + "')\n"
        "engine.images.pull(repository='ghcr.io/acme/tool')\n"
        "engine.images.pull('ghcr.io/acme/every', all_tags=True)\n"
    )
    assert [(image, line) for image, line, _, _ in _pulls(text, "ci/pull.py")] == [
        ("busybox:1.36", 3),
        ("alpine@sha256:" + "a" * 64, 4),
        ("ghcr.io/acme/tool", 5),
    ]


def test_podman_py_has_the_same_calls() -> None:
    text = (
        "from podman import PodmanClient\n"
        "with PodmanClient(base_url=uri) as client:\n"
        "    client.images.pull('quay.io/podman/hello', tag='latest')\n"
    )
    assert [(image, line) for image, line, _, _ in _pulls(text, "hello.py")] == [("quay.io/podman/hello:latest", 3)]


def test_not_read_without_importing_the_sdk_nor_in_other_languages() -> None:
    assert _pulls(FIXTURE.replace("import docker\n", "import dockerish\n")) == []
    assert _pulls(FIXTURE, "tests/conftest.js") == []
    assert _pulls("import docker\nrepo.remotes.origin.pull()\nrunner.run('job')\n") == []


def test_an_argument_that_is_no_name_or_literal_is_unresolved() -> None:
    text = "import docker\nc = docker.from_env()\nc.containers.run(settings.IMAGE, detach=True)\n"
    assert [(image, line, problem is not None) for image, line, problem, _ in _pulls(text)] == [
        ("settings.IMAGE", 3, True)
    ]


def test_options_spread_into_the_call_are_unresolved_and_other_spread_calls_read_their_image() -> None:
    text = (
        "import docker\n"
        "client = docker.from_env()\n"
        "client.containers.run(**merged_config)\n"
        "client.containers.run('nginx:1.27', **options)\n"
    )
    pulls = _pulls(text)
    assert [(image, line, problem is not None) for image, line, problem, _ in pulls] == [
        ("merged_config", 3, True),
        ("nginx:1.27", 4, False),
    ]


def test_a_name_bound_to_an_environment_variable_with_a_default_pulls_the_default() -> None:
    # a workflow op pulls the images of its jobs; the environment may name others, the default is what runs
    # without it (https://docs.python.org/3/library/os.html#os.getenv)
    text = """\
import os
import docker
from os import environ, getenv

GLEANER_IMAGE = str( os.environ.get('GLEANER_IMAGE', 'acme/gleaner:latest'))
NABU_IMAGE = os.getenv("NABU_IMAGE", "acme/nabu:2.0")
TOOL_IMAGE = environ.get("TOOL_IMAGE", default="acme/tool:3")
ENV_ONLY = os.environ.get("ENV_ONLY")
KEYED = os.environ["KEYED"]


def pull_all(client):
    client.images.pull(GLEANER_IMAGE)
    client.images.pull(NABU_IMAGE)
    client.containers.run(TOOL_IMAGE)
    client.images.pull(ENV_ONLY)
    client.images.pull(KEYED)
"""
    pulls = {(image, line, problem) for image, line, problem, _ in _pulls(text, "ops/jobs.py")}
    assert ("acme/gleaner:latest", 5, None) in pulls
    assert ("acme/nabu:2.0", 6, None) in pulls
    assert ("acme/tool:3", 7, None) in pulls
    unresolved = sorted(image for image, _, problem in pulls if problem is not None)
    assert unresolved == ["ENV_ONLY", "KEYED"]
