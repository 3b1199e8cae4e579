"""Connections per origin in shards: a few requests keep to one shard's connections, a wide run never opens more
than the origin's limit, and every request completes (a real registry behind a counting proxy)."""

from __future__ import annotations

import asyncio

import pytest

from bench.wan import LinkSpec, ProxyThread
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.origin_pools import SHARD_CONNECTIONS, _Origin
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport


@pytest.mark.parametrize(("connections", "sizes"), [(32, [8, 8, 8, 8]), (20, [8, 8, 4]), (3, [3])])
def test_an_origin_is_split_into_shards_of_a_few_connections(connections: int, sizes: list[int]) -> None:
    assert SHARD_CONNECTIONS == 8
    assert _Origin(connections).sizes == sizes


def test_slots_fill_the_lowest_shard_first_and_come_back() -> None:
    async def scenario() -> list[int]:
        origin = _Origin(20)
        taken = [await origin.acquire() for _ in range(10)]
        origin.release(0)
        taken.append(await origin.acquire())
        return taken

    assert asyncio.run(scenario()) == [0] * 8 + [1, 1, 0]


def _concurrent_heads(host: str, count: int, connections: int) -> list[str | None]:
    async def scenario() -> list[str | None]:
        transport = Transport(policy=UrlPolicy(plain_http=True), max_connections=connections)
        client = RegistryClient(host, transport, RegistryAuth(host, None, transport))

        async def head() -> str | None:
            found = await client.head_manifest("lab/pools", "present")
            return found.digest if found else None

        try:
            return list(await asyncio.gather(*(head() for _ in range(count))))
        finally:
            await transport.aclose()

    return asyncio.run(scenario())


def test_a_wide_run_stays_within_the_origins_connections_and_completes(registry_binary: str) -> None:
    with LocalRegistry() as registry:
        digest = push_image(registry, "lab/pools", oci_image(seed="pools"), tags=("present",)).digest
        with ProxyThread(registry.host, LinkSpec(latency=0.01)) as proxy:
            found = _concurrent_heads(proxy.host, 200, connections=20)

            assert found == [digest] * 200
            assert proxy.counters.peak_connections <= 20
            assert proxy.counters.connections <= 20  # kept alive: no connection opened twice for the same slot
