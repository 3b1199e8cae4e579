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
    seeded_registry      Seeded(registry, images): an anonymous registry of its own holding the demo's sample set
    sample_storage       SampleStorage: the sample set pushed once per session (per xdist worker) into a registry
                         now stopped; seeded_registry starts a fresh registry on a copy of its storage directory
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from ecr_mirror.lab.image_types import ImageDescription
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


class SampleStorage(NamedTuple):
    """The storage directory of a stopped registry holding the sample set, and what was pushed into it."""

    storage: Path
    images: Mapping[str, ImageDescription]


@pytest.fixture(scope="session")
def sample_storage(registry_binary: str, tmp_path_factory: pytest.TempPathFactory) -> SampleStorage:
    """The sample set pushed once (seed_samples through the registry's API), the registry then stopped.

    Pushing it took about a second per test; a copy of the stored files is a few milliseconds."""
    workdir = tmp_path_factory.mktemp("sample-storage")
    with LocalRegistry(binary=registry_binary, workdir=workdir) as seeder:
        images = seed_samples(seeder)
    return SampleStorage(seeder.storage_dir, images)


@pytest.fixture
def seeded_registry(registry_binary: str, sample_storage: SampleStorage) -> Iterator[Seeded]:
    """A fresh registry process of its own, started on a copy of the samples' storage: nothing another test did
    to its seeded registry shows here, and its request counts start at zero."""
    workdir = Path(tempfile.mkdtemp(prefix="ecr-mirror-lab-registry-"))
    shutil.copytree(sample_storage.storage, workdir / "storage")
    registry = LocalRegistry(binary=registry_binary, workdir=workdir)
    try:
        registry.start()
        images = {name: dataclasses.replace(d, registry=registry.host) for name, d in sample_storage.images.items()}
        yield Seeded(registry, images)
    finally:
        registry.stop()
        shutil.rmtree(workdir, ignore_errors=True)
