"""Connections are kept alive across HEAD requests: a HEAD answer has no body to read, and leaving its (empty)
stream unconsumed made httpcore drop the connection, so every check paid a new TCP handshake (a round trip per
request on a real link; found by `python -m bench.planning`)."""

from __future__ import annotations

import asyncio

from bench.wan import LinkSpec, ProxyThread
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport

HEADS = 10


def _heads(host: str, references: list[str]) -> list[str | None]:
    async def scenario() -> list[str | None]:
        transport = Transport(policy=UrlPolicy(plain_http=True))
        client = RegistryClient(host, transport, RegistryAuth(host, None, transport))
        try:
            digests = []
            for reference in references:  # one after another: each may reuse the previous one's connection
                head = await client.head_manifest("lab/keepalive", reference)
                digests.append(head.digest if head else None)
            return digests
        finally:
            await transport.aclose()

    return asyncio.run(scenario())


def test_head_requests_one_after_another_reuse_one_connection(registry_binary: str) -> None:
    with LocalRegistry() as registry:
        digest = push_image(registry, "lab/keepalive", oci_image(seed="keepalive"), tags=("present",)).digest
        with ProxyThread(registry.host, LinkSpec(latency=0.0)) as proxy:
            found = _heads(proxy.host, ["present"] * HEADS + ["absent"] * HEADS)

            assert found == [digest] * HEADS + [None] * HEADS  # 200s and 404s
            assert proxy.counters.connections == 1
