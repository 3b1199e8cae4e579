"""Testcontainers in Python: the default image a container class of the tree's own gives its `image` parameter
(`def __init__(self, image: str = "postgres:16")` in a class deriving from `DockerContainer`, also through a class
of its own), and the images a pytest `parametrize` list feeds into a container's image (`MongoDbContainer(f"mongo:
{version}")`, `image = f"..."` first, a list bound to a module constant, a parametrized container class)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

LIBRARY = """\
import os

from testcontainers.core.container import DockerContainer
from testcontainers.core.generic import DbContainer

_REPOSITORY = "valkey/valkey"


class QueueContainer(DockerContainer):
    def __init__(self, image: str = "rabbitmq:3.13-management", port: int = 5672, **kwargs) -> None:
        super().__init__(image, **kwargs)


class BaseStoreContainer(DbContainer):
    pass


class StoreContainer(BaseStoreContainer):
    def __init__(
        self,
        username: str = "test",
        image: str = os.getenv("STORE_IMAGE", "ghcr.io/example/store:2.1"),
    ) -> None:
        super().__init__(image=image)


class CacheContainer(DockerContainer):
    def __init__(self, image=f"{_REPOSITORY}:8.1", **kwargs):
        super().__init__(image, **kwargs)


class Settings:
    def __init__(self, image: str = "example.invalid/not-a-container:1") -> None:
        self.image = image


def helper(image: str = "busybox:1.36") -> None:
    pass
"""

TESTS = """\
import pytest

from testcontainers.community.influxdb import Influx1Container, Influx2Container
from testcontainers.mongodb import MongoDbContainer
from testcontainers.mqtt import MosquittoContainer

VERSIONS = ["1.6.15", "2.0.18"]


@pytest.mark.parametrize("version", ["6.0.14", "5.0.26"])
def test_mongo(version: str) -> None:
    with MongoDbContainer(f"mongo:{version}") as mongo:
        assert mongo


@pytest.mark.parametrize("version", VERSIONS)
def test_mosquitto(version):
    image = f"eclipse-mosquitto:{version}"
    with MosquittoContainer(image=image) as broker:
        assert broker


@pytest.mark.parametrize(
    "image, container_class, port",
    [
        ("influxdb:1.8.10", Influx1Container, 8086),
        pytest.param("influxdb:2.7.4", Influx2Container, 8086, id="v2"),
    ],
)
def test_influx(image, container_class, port):
    with container_class(image, host_port=port) as influx:
        assert influx


def test_pinned_old_release():
    release = "3.1.7"
    with MongoDbContainer(image=f"mongo:{release}") as mongo:
        assert mongo


@pytest.mark.parametrize("tag", [None, "built-here:test"])
def test_build(tag):
    assert build_image(tag=tag)
"""

DOCSTRING = '''\
from testcontainers.core.container import DockerContainer


class SearchContainer(DockerContainer):
    """
    Example:

        .. doctest::

            >>> with SearchContainer(f'elasticsearch:8.3.3', mem_limit='3G') as es:
            ...     es.get_url()
    """
'''


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, origin)]


def test_the_image_default_of_container_classes_of_the_tree() -> None:
    assert _images(LIBRARY, "src/example/containers.py") == [
        ("rabbitmq:3.13-management", 10),
        ("ghcr.io/example/store:2.1", 22),
        ("valkey/valkey:8.1", 28),
    ]


def test_parametrized_images_given_to_containers() -> None:
    assert _images(TESTS, "tests/test_services.py") == [
        ("mongo:5.0.26", 12),
        ("mongo:6.0.14", 12),
        ("eclipse-mosquitto:1.6.15", 18),
        ("eclipse-mosquitto:2.0.18", 18),
        ("influxdb:1.8.10", 26),
        ("influxdb:2.7.4", 27),
        ("mongo:3.1.7", 37),
    ]


def test_an_f_string_without_placeholders_is_a_literal() -> None:
    assert _images(DOCSTRING, "src/example/search.py") == [("elasticsearch:8.3.3", 10)]


RELATIVE = '''\
from .base import MetricsContainer


class MetricsV2Container(MetricsContainer):
    """Started by `testcontainers.community.metrics.MetricsV2Container()`."""

    def __init__(self, image: str = "influxdb:2.7.4", port: int = 8086) -> None:
        super().__init__(image, port)
'''


def test_a_module_of_the_library_importing_its_base_class_relatively() -> None:
    assert _images(RELATIVE, "src/testcontainers/community/metrics/v2.py") == [("influxdb:2.7.4", 7)]
    assert _images(RELATIVE.replace("testcontainers.", "example."), "src/example/metrics/v2.py") == []


OPTIONAL = """\
from typing import Optional

from testcontainers.core.container import DockerContainer

RECORDER_IMAGE = "selenium/video:ffmpeg-7.1"


class RecorderContainer(DockerContainer):
    def __init__(self, image: Optional[str] = None, **kwargs) -> None:
        self.image = image or RECORDER_IMAGE
        super().__init__(image=self.image, **kwargs)

    def rename(self, name: Optional[str] = None) -> None:
        self.name = name or "not-an-image:1"
"""


def test_an_optional_image_parameter_falling_back_to_a_constant() -> None:
    assert _images(OPTIONAL, "src/example/recorder.py") == [("selenium/video:ffmpeg-7.1", 5)]


def test_a_source_that_does_not_parse_gives_its_literals_only() -> None:
    text = (
        "from testcontainers.core.container import DockerContainer\n"
        'PATTERN = "\\d+"\n'
        "print 'python 2'\n"
        'container = DockerContainer("redis:7.4")\n'
    )
    assert _images(text, "tests/legacy.py") == [("redis:7.4", 4)]
