"""A Python test's own container client (a wrapper of the Docker SDK or the docker CLI) pulls and starts images by
methods named as the engine's operations: `client.pull_image("redis:7")`, `client.run_container(image_name=...)`,
`client.create_container("alpine", ...)`; a helper function or a factory fixture that hands its parameter to one of
them pulls what its callers give it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_wrapper_calls import may_call_wrappers, wrapper_call_images

TESTS = """\
import pytest

from acme.utils.containers import CONTAINER_CLIENT, ContainerClient

BASE = "busybox:1.36"


@pytest.fixture
def start(client: ContainerClient):
    started = []

    def _start(image_name: str, **kwargs):
        cid = client.create_container(image_name, **kwargs)
        started.append(cid)
        return cid

    yield _start
    for cid in started:
        client.remove_container(cid)


@pytest.fixture
def idle(start):
    return start("alpine", command=["sleep", "60"])


def _pull_if_missing(client, image_name):
    if image_name not in client.get_image_names():
        client.pull_image(image_name)


def test_pull(client):
    client.pull_image("alpine:3.19")
    client.pull_image(
        "alpine@sha256:" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    )
    _pull_if_missing(client, "hello-world")
    CONTAINER_CLIENT.run_container(image_name="nginx", remove=True)
    client.run_container(BASE, command=["true"])
    client.start_container(idle.container_id)
    start(image_name="public.ecr.aws/lambda/python:3.12", entrypoint="")
    client.pull_image(f"{registry}/test-{uid}")
    client.inspect_image("mysql:8")
"""


def test_wrapper_calls_and_the_helpers_that_forward_their_image_are_read() -> None:
    assert wrapper_call_images(TESTS, "tests/integration/test_client.py") == [
        Found(
            "busybox:1.36",
            "tests/integration/test_client.py",
            5,
            use="container client run_container",
            kind="Python source",
        ),
        Found(
            "alpine",
            "tests/integration/test_client.py",
            24,
            use="container client create_container",
            kind="Python source",
        ),
        Found(
            "alpine:3.19",
            "tests/integration/test_client.py",
            33,
            use="container client pull_image",
            kind="Python source",
        ),
        Found(
            "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "tests/integration/test_client.py",
            35,
            use="container client pull_image",
            kind="Python source",
        ),
        Found(
            "hello-world",
            "tests/integration/test_client.py",
            37,
            use="container client pull_image",
            kind="Python source",
        ),
        Found(
            "nginx", "tests/integration/test_client.py", 38, use="container client run_container", kind="Python source"
        ),
        Found(
            "public.ecr.aws/lambda/python:3.12",
            "tests/integration/test_client.py",
            41,
            use="container client create_container",
            kind="Python source",
        ),
    ]


def test_only_a_test_tree_that_names_such_a_method_is_read() -> None:
    assert may_call_wrappers("tests/test_client.py", b'from acme import docker_client\nclient.pull_image("redis")')
    assert may_call_wrappers("conftest.py", b'DOCKER_CLIENT.run_container("redis")')
    assert not may_call_wrappers("acme/utils/containers.py", b'DOCKER.pull_image("redis")')
    assert not may_call_wrappers("tests/test_storage.py", b'blobs.create_container("reports")')
    assert not may_call_wrappers("tests/test_client.py", b'docker.from_env().images.pull("redis")')
    assert wrapper_call_images('client.pull_image("redis")', "tests/test_client.js") == []


def test_a_method_of_the_wrapper_itself_and_a_call_that_expects_no_image_are_not_read() -> None:
    source = """\
import pytest


class Client:
    def pull_image(self, image_name):
        return self._run(["pull", image_name])

    def run_container(self, image_name, **kwargs):
        self.pull_image(image_name)
        return self.create_container(image_name, **kwargs)


def test_missing(client):
    with pytest.raises(NoSuchImage):
        client.create_container("this_image_does_not_exist_42")
    client.pull_image(image)
"""
    assert wrapper_call_images(source, "tests/support/client.py") == []


def test_a_storage_container_and_a_fake_engine_are_not_images() -> None:
    storage = """\
from azure.storage.blob import BlobServiceClient
from testcontainers.azurite import AzuriteContainer


def test_blobs(docker_client):
    with AzuriteContainer() as azurite:
        service = BlobServiceClient.from_connection_string(azurite.get_connection_string())
        service.create_container("test-container")
"""
    fake = """\
import docker
from . import fake_api


def test_create(client):
    client.create_container("busybox", "true")
"""
    assert wrapper_call_images(storage, "tests/test_azurite.py") == []
    assert wrapper_call_images(fake, "tests/unit/api_container_test.py") == []
