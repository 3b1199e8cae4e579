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


class Source:
    """Counts GETs; each waits for `release` (an asyncio.Event) before answering or failing."""

    def __init__(self, fail: bool = False) -> None:
        self.gets = 0
        self.release = asyncio.Event()
        self.fail = fail

    async def get(self) -> Manifest:
        self.gets += 1
        await self.release.wait()
        if self.fail:
            raise OSError("connection reset")
        return manifest("a", 3)


def test_concurrent_askers_share_one_get() -> None:
    async def scenario() -> None:
        cache, source = ManifestCache(), Source()
        askers = [asyncio.ensure_future(cache.fetch_once(key("a"), source.get)) for _ in range(3)]
        await asyncio.sleep(0)
        source.release.set()
        assert [m.digest for m in await asyncio.gather(*askers)] == ["sha256:a"] * 3
        assert source.gets == 1
        assert await cache.fetch_once(key("a"), source.get) is cache.get(key("a"))
        assert source.gets == 1

    asyncio.run(scenario())


def test_a_get_whose_asker_was_cancelled_is_kept_for_the_next_asker() -> None:
    async def scenario() -> None:
        cache, source = ManifestCache(), Source()
        first = asyncio.ensure_future(cache.fetch_once(key("a"), source.get))
        await asyncio.sleep(0)
        first.cancel()
        await asyncio.gather(first, return_exceptions=True)
        again = asyncio.ensure_future(cache.fetch_once(key("a"), source.get))  # waits for the GET in flight
        await asyncio.sleep(0)
        source.release.set()
        assert (await again).digest == "sha256:a"
        assert first.cancelled()
        assert source.gets == 1
        assert kept(cache, "a") == ["a"]

    asyncio.run(scenario())


def test_a_failed_get_is_not_kept_and_the_next_asker_sends_its_own() -> None:
    async def scenario() -> None:
        cache, failing = ManifestCache(), Source(fail=True)
        failing.release.set()
        try:
            await cache.fetch_once(key("a"), failing.get)
        except OSError as exc:
            assert str(exc) == "connection reset"
        else:
            raise AssertionError("the failure was not raised")
        assert kept(cache, "a") == []
        working = Source()
        working.release.set()
        assert (await cache.fetch_once(key("a"), working.get)).digest == "sha256:a"
        assert (failing.gets, working.gets) == (1, 1)

    asyncio.run(scenario())


def test_aclose_cancels_a_get_nobody_waits_for() -> None:
    async def scenario() -> None:
        cache, source = ManifestCache(), Source()
        asker = asyncio.ensure_future(cache.fetch_once(key("a"), source.get))
        await asyncio.sleep(0)
        asker.cancel()
        await asyncio.gather(asker, return_exceptions=True)
        await cache.aclose()  # returns although `release` is never set: the GET was cancelled
        assert kept(cache, "a") == []
        assert source.gets == 1
        again = Source()
        again.release.set()
        assert (await cache.fetch_once(key("a"), again.get)).digest == "sha256:a"
        assert again.gets == 1

    asyncio.run(scenario())


def test_an_asker_that_joined_a_get_which_failed_sends_its_own() -> None:
    async def scenario() -> None:
        cache, failing, working = ManifestCache(), Source(fail=True), Source()
        working.release.set()
        first = asyncio.ensure_future(cache.fetch_once(key("a"), failing.get))
        joined = asyncio.ensure_future(cache.fetch_once(key("a"), working.get))
        await asyncio.sleep(0)
        failing.release.set()
        first_result, joined_result = await asyncio.gather(first, joined, return_exceptions=True)
        assert isinstance(first_result, OSError)
        assert isinstance(joined_result, Manifest) and joined_result.digest == "sha256:a"
        assert (failing.gets, working.gets) == (1, 1)
        assert kept(cache, "a") == ["a"]

    asyncio.run(scenario())
