"""The run's manifest cache: each manifest kept once, by key, the least recently used dropped beyond the byte cap."""

from __future__ import annotations

import asyncio

from ecr_mirror.mirror.manifest_cache import MAX_CACHED_BYTES, ManifestCache
from ecr_mirror.oci.manifest import Manifest


def manifest(name: str, size: int) -> Manifest:
    return Manifest(
        data=name.encode().ljust(size, b" "),
        media_type="application/vnd.oci.image.manifest.v1+json",
        digest=f"sha256:{name}",
    )


def key(name: str) -> tuple[str, str, str]:
    return ("registry.test", "library/app", f"sha256:{name}")


def kept(cache: ManifestCache, *names: str) -> list[str]:
    return [name for name in names if cache.get(key(name)) is not None]


def test_a_manifest_put_is_given_back_and_an_unknown_key_is_not() -> None:
    cache = ManifestCache()
    a = manifest("a", 3)
    cache.put(key("a"), a)
    assert cache.get(key("a")) is a
    assert cache.get(key("b")) is None
    assert cache.get(("other.test", "library/app", "sha256:a")) is None
    assert cache.max_bytes == MAX_CACHED_BYTES == 64 * 1024 * 1024


def test_manifests_filling_the_cap_exactly_are_all_kept() -> None:
    cache = ManifestCache(max_bytes=10)
    cache.put(key("a"), manifest("a", 4))
    cache.put(key("b"), manifest("b", 6))
    assert kept(cache, "a", "b") == ["a", "b"]


def test_beyond_the_cap_the_least_recently_used_is_dropped_and_only_it() -> None:
    cache = ManifestCache(max_bytes=10)
    cache.put(key("a"), manifest("a", 4))
    cache.put(key("b"), manifest("b", 4))
    assert cache.get(key("a")) is not None  # a is now the most recently used
    cache.put(key("c"), manifest("c", 4))  # 12 bytes: b goes
    assert kept(cache, "a", "b", "c") == ["a", "c"]
    cache.put(key("d"), manifest("d", 2))  # 10 bytes again: nothing more goes
    assert kept(cache, "a", "b", "c", "d") == ["a", "c", "d"]
    cache.put(key("e"), manifest("e", 5))  # 15 bytes: the oldest go until it fits (a, then c)
    assert kept(cache, "a", "b", "c", "d", "e") == ["d", "e"]
    cache.put(key("f"), manifest("f", 3))  # 10 bytes: all three kept
    assert kept(cache, "d", "e", "f") == ["d", "e", "f"]


def test_a_manifest_put_twice_is_counted_once() -> None:
    cache = ManifestCache(max_bytes=10)
    first = manifest("a", 5)
    cache.put(key("a"), first)
    cache.put(key("a"), manifest("a", 5))
    assert cache.get(key("a")) is first  # the first one kept
    cache.put(key("b"), manifest("b", 5))
    assert kept(cache, "a", "b") == ["a", "b"]


def test_a_manifest_larger_than_the_cap_is_not_kept_and_drops_nothing() -> None:
    cache = ManifestCache(max_bytes=10)
    cache.put(key("a"), manifest("a", 4))
    cache.put(key("big"), manifest("big", 11))
    assert kept(cache, "a", "big") == ["a"]
    cache.put(key("whole"), manifest("whole", 10))  # exactly the cap: kept alone
    assert kept(cache, "a", "whole") == ["whole"]


def test_one_lock_per_key() -> None:
    async def scenario() -> None:
        cache = ManifestCache()
        lock = cache.lock(key("a"))
        assert isinstance(lock, asyncio.Lock)
        assert cache.lock(key("a")) is lock
        assert cache.lock(key("b")) is not lock
        async with lock:
            assert cache.lock(key("a")).locked()
            assert not cache.lock(key("b")).locked()

    asyncio.run(scenario())
