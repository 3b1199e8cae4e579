"""Shared fixtures: real local registries (docker-registry), a token server, sample images, skopeo.

A test that needs a missing real part FAILS (never skips): install `docker-registry` and `skopeo` (Debian).

    registry_binary      path of docker-registry (session)
    skopeo_binary        path of skopeo (session)
    registry_factory     make(**LocalRegistry kwargs) -> started LocalRegistry, all stopped at teardown
    token_server_factory make(**TokenServer kwargs) -> started TokenServer, all stopped at teardown
    registry             anonymous LocalRegistry
    source_registry      anonymous LocalRegistry (the "upstream")
    target_registry      anonymous LocalRegistry (the "mirror"); a different one from source_registry
    basic_registry       LocalRegistry with htpasswd Basic auth, user "lab" / "lab-secret" (.credentials)
    token_server         TokenServer: users {"lab": "lab-secret"} (pull,push everywhere), anonymous pull
    token_registry       LocalRegistry with token auth against token_server (.credentials = lab's)
    seeded_registry      Seeded(registry, images): an anonymous registry holding the demo's sample set
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ecr_mirror.lab.registry import LocalRegistry, RegistryBinaryMissingError, find_registry_binary
from ecr_mirror.lab.samples import Seeded, seed_samples
from ecr_mirror.lab.skopeo import SkopeoMissingError, find_skopeo
from ecr_mirror.lab.tokenserver import TokenServer


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `slow` run first, the rest in their usual order: split over xdist workers, a test of a minute
    (the arm64 bundle's) that started late would run alone at the end, the other workers idle."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def registry_binary() -> str:
    try:
        return find_registry_binary()
    except RegistryBinaryMissingError as exc:
        message = str(exc)
    pytest.fail(f"this test needs a real registry: {message}", pytrace=False)


@pytest.fixture(scope="session")
def skopeo_binary() -> str:
    try:
        return find_skopeo()
    except SkopeoMissingError as exc:
        message = str(exc)
    pytest.fail(f"this test needs skopeo: {message}", pytrace=False)


@pytest.fixture
def registry_factory(registry_binary: str) -> Iterator[Callable[..., LocalRegistry]]:
    started: list[LocalRegistry] = []

    def make(**kwargs: Any) -> LocalRegistry:
        reg = LocalRegistry(binary=registry_binary, **kwargs)
        started.append(reg)
        return reg.start()

    yield make
    for reg in reversed(started):
        reg.stop()


@pytest.fixture
def token_server_factory() -> Iterator[Callable[..., TokenServer]]:
    started: list[TokenServer] = []

    def make(**kwargs: Any) -> TokenServer:
        server = TokenServer(**kwargs)
        started.append(server)
        return server.start()

    yield make
    for server in reversed(started):
        server.stop()


@pytest.fixture
def registry(registry_factory: Callable[..., LocalRegistry]) -> LocalRegistry:
    return registry_factory()


@pytest.fixture
def source_registry(registry_factory: Callable[..., LocalRegistry]) -> LocalRegistry:
    return registry_factory()


@pytest.fixture
def target_registry(registry_factory: Callable[..., LocalRegistry]) -> LocalRegistry:
    return registry_factory()


@pytest.fixture
def basic_registry(registry_factory: Callable[..., LocalRegistry]) -> LocalRegistry:
    return registry_factory(htpasswd={"lab": "lab-secret"})


@pytest.fixture
def token_server(token_server_factory: Callable[..., TokenServer]) -> TokenServer:
    return token_server_factory()


@pytest.fixture
def token_registry(registry_factory: Callable[..., LocalRegistry], token_server: TokenServer) -> LocalRegistry:
    return registry_factory(token=token_server)


@pytest.fixture
def seeded_registry(registry: LocalRegistry) -> Seeded:
    images = seed_samples(registry)
    registry.reset_counts()
    return Seeded(registry, images)
