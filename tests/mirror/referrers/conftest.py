"""Fixtures for referrer tests: interposing proxies (a source or target that serves the referrers API)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.support.proxy import InterposingProxy


@pytest.fixture
def proxy_factory() -> Iterator[Callable[..., InterposingProxy]]:
    started: list[InterposingProxy] = []

    def make(upstream: str | None = None) -> InterposingProxy:
        proxy = InterposingProxy(upstream).start()
        started.append(proxy)
        return proxy

    yield make
    for proxy in reversed(started):
        proxy.stop()
