"""The Docker SDK for Python in an SDK's own test suites (docker-py's `tests/`): the low-level `APIClient.pull`
(`client.pull("hello-world", tag="latest")`, `client.api.pull(...)`), a reference written as adjacent string
literals Python joins (`("hello-world@sha256:08..." "59b2...")`), and what is not a pull: a call on a client
bound to a fake (`client = make_fake_client()`, `mock.MagicMock(...)`), a file that imports the suite's fake
engine (`from . import fake_api`), and a call a test expects to fail for want of the image
(`with pytest.raises(docker.errors.ImageNotFound):`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_sdk import python_sdk_pulls

INTEGRATION = """\
import docker
import pytest

from .base import BaseAPIIntegrationTest, TEST_IMG

DIGEST = (
    'busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
)


class PullTest(BaseAPIIntegrationTest):
    def test_pull(self):
        self.client.pull('hello-world')

    def test_pull_tag(self):
        self.client.pull('hello-world', tag='latest')

    def test_pull_digest(self):
        image_ref = (
            'hello-world@sha256:083de497cff944f969d8499ab94f07134c50bcf5e6b95'
            '59b27182d3fa80ce3f7'
        )
        client = docker.from_env()
        client.images.pull(image_ref)

    def test_api_pull(self):
        client = docker.from_env()
        client.api.pull('nginx', tag='1.27')

    def test_low_level(self):
        api = docker.APIClient()
        api.pull(DIGEST)

    def test_missing(self):
        client = docker.from_env()
        with pytest.raises(docker.errors.ImageNotFound):
            client.containers.run("example/does-not-exist")
        with pytest.raises(docker.errors.NotFound):
            client.images.pull("example/also-missing", tag="1")
        client.containers.run("alpine:3.20")

    def test_fails_in_the_container(self):
        client = docker.from_env()
        with pytest.raises(docker.errors.ContainerError):
            client.containers.run("alpine:3.19", "false")

    def test_other_pull(self):
        repo = git.Repo('.')
        repo.remotes.origin.pull('main')
"""


DIGEST = "083de497cff944f969d8499ab94f07134c50bcf5e6b9559b27182d3fa80ce3f7"


def test_low_level_pulls_joined_literals_and_expected_failures() -> None:
    found = python_sdk_pulls(INTEGRATION, "tests/integration/api_image_test.py")
    assert [(item.text, item.line, item.use, item.problem) for item in found] == [
        ("busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 7, "docker SDK pull", None),
        ("hello-world", 14, "docker SDK pull", None),
        ("hello-world:latest", 17, "docker SDK pull", None),
        (f"hello-world@sha256:{DIGEST}", 21, "docker SDK images.pull", None),
        ("nginx:1.27", 29, "docker SDK api.pull", None),
        ("alpine:3.20", 41, "docker SDK containers.run", None),
        ("alpine:3.19", 46, "docker SDK containers.run", None),
    ]


FAKE_CLIENT = """\
import unittest
from unittest import mock

import docker

from .helpers import make_fake_client


class ImageCollectionTest(unittest.TestCase):
    def test_pull(self):
        client = make_fake_client()
        client.images.pull('test_image:test')
        client.containers.run('test_image:run')

    def test_mock(self):
        other = mock.MagicMock(spec=docker.DockerClient)
        other.images.pull('test_image:mock')

    def test_real(self):
        client = docker.from_env()
        client.images.pull('redis:7')
        docker.from_env().containers.run('busybox:1.36')
"""

FAKE_ENGINE = """\
import docker

from . import fake_api
from .api_test import BaseAPIClientTest


class PullTest(BaseAPIClientTest):
    def test_pull(self):
        self.client.pull('joffrey/test001')
        self.client.images.pull('joffrey/test002')
"""


def test_fake_clients_and_fake_engines_pull_nothing() -> None:
    found = python_sdk_pulls(FAKE_CLIENT, "tests/unit/models_images_test.py")
    assert [(item.text, item.line) for item in found] == [("redis:7", 21), ("busybox:1.36", 22)]
    assert python_sdk_pulls(FAKE_ENGINE, "tests/unit/api_image_test.py") == []
