"""Fixtures of the copy engine's tests: an interposing proxy in front of the source and of the target registry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ecr_mirror.lab.registry import LocalRegistry
from tests.support.proxy import InterposingProxy


@pytest.fixture
def source_proxy(source_registry: LocalRegistry) -> Iterator[InterposingProxy]:
    proxy = InterposingProxy(source_registry.host).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def target_proxy(target_registry: LocalRegistry) -> Iterator[InterposingProxy]:
    proxy = InterposingProxy(target_registry.host).start()
    yield proxy
    proxy.stop()
