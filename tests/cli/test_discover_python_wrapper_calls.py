"""`ecr-mirror discover` reads the images a Python test pulls and starts through its project's own container client
(`DOCKER_CLIENT.pull_image("alpine:3.19")`), also through a factory fixture that hands its image to the client."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TESTS = """\
import pytest

from acme.utils.docker_utils import DOCKER_CLIENT


@pytest.fixture
def container_factory():
    created = []

    def _create(image_name, **kwargs):
        created.append(DOCKER_CLIENT.create_container(image_name, **kwargs))
        return created[-1]

    yield _create
    for container in created:
        DOCKER_CLIENT.remove_container(container)


def test_pull_and_run(container_factory):
    DOCKER_CLIENT.pull_image("alpine:3.19")
    DOCKER_CLIENT.run_container(image_name="nginx:1.27", remove=True)
    container_factory("registry:2", name="registry")
"""


def test_container_client_calls_of_a_test_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows({"tests/test_client.py": TESTS}, tmp_path, monkeypatch, capsys)
    assert records == [
        ("tests/test_client.py", 20, "Python source", "container client pull_image", "alpine:3.19", "public"),
        ("tests/test_client.py", 21, "Python source", "container client run_container", "nginx:1.27", "public"),
        ("tests/test_client.py", 22, "Python source", "container client create_container", "registry:2", "public"),
    ]
