"""Fixtures for the fault-injection suite: interposing proxies started and stopped per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.support.proxy import InterposingProxy


@pytest.fixture
def proxy_factory() -> Iterator[Callable[..., InterposingProxy]]:
    started: list[InterposingProxy] = []

    def make(upstream: str | None = None, **kwargs: str) -> InterposingProxy:
        proxy = InterposingProxy(upstream, **kwargs).start()
        started.append(proxy)
        return proxy

    yield make
    for proxy in reversed(started):
        proxy.stop()
