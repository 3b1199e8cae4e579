"""The benchmark's WAN proxy (bench/wan.py) in front of a real registry: bytes unchanged, latency added.

Only lower bounds on time are asserted: a loaded machine can make anything slower, never faster than the delay.
"""

from __future__ import annotations

import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bench.wan import LinkSpec, ProxyThread, spec_from_args
from ecr_mirror.lab.image_types import Blob
from ecr_mirror.lab.push import PushClient
from ecr_mirror.lab.registry import LocalRegistry

MiB = 1 << 20


def _blob_url(host: str, blob: Blob) -> str:
    return f"http://{host}/v2/wan/test/blobs/{blob.digest}"


def test_bytes_cross_the_proxy_unchanged_both_ways(registry: LocalRegistry) -> None:
    blob = Blob.of(os.urandom(3 * MiB + 17))
    with ProxyThread(registry.host, LinkSpec(latency=0.005)) as proxy:
        with PushClient(f"http://{proxy.host}") as client:
            client.put_blob("wan/test", blob)  # up: the registry checks the digest of what it received
        body = httpx.get(_blob_url(proxy.host, blob), timeout=60).raise_for_status().content
        counters = proxy.counters
    assert hashlib.sha256(body).hexdigest() == blob.digest.removeprefix("sha256:")
    assert body == blob.data
    assert counters.bytes_up > blob.size and counters.bytes_down > blob.size
    assert counters.cuts == 0


def test_a_request_pays_the_round_trip_and_the_handshake(registry: LocalRegistry) -> None:
    with ProxyThread(registry.host, LinkSpec(latency=0.05)) as proxy, httpx.Client(timeout=30) as client:
        started = time.perf_counter()
        assert client.get(f"http://{proxy.host}/v2/").status_code == 200
        first = time.perf_counter() - started
        started = time.perf_counter()
        assert client.get(f"http://{proxy.host}/v2/").status_code == 200  # same keep-alive connection
        second = time.perf_counter() - started
        connections = proxy.counters.connections
    assert first >= 0.2  # handshake round trip + request + response: 4 x 50 ms
    assert second >= 0.1  # request + response: 2 x 50 ms
    assert connections == 1


def test_many_concurrent_connections_all_complete(registry: LocalRegistry) -> None:
    with ProxyThread(registry.host, LinkSpec(latency=0.02)) as proxy:

        def get(_: int) -> int:
            with httpx.Client(timeout=30) as client:
                return sum(client.get(f"http://{proxy.host}/v2/").status_code for _ in range(3))

        with ThreadPoolExecutor(max_workers=24) as pool:
            answers = list(pool.map(get, range(24)))
        counters = proxy.counters
    assert answers == [600] * 24
    assert counters.connections == 24 and counters.peak_connections >= 2


def test_bandwidth_cap_paces_the_bytes(registry: LocalRegistry) -> None:
    blob = Blob.of(os.urandom(2 * MiB))
    with PushClient(registry.url) as client:
        client.put_blob("wan/test", blob)
    with ProxyThread(registry.host, spec_from_args(latency_ms=0, bandwidth_mbit=40)) as proxy:
        started = time.perf_counter()
        body = httpx.get(_blob_url(proxy.host, blob), timeout=60).raise_for_status().content
        seconds = time.perf_counter() - started
    assert body == blob.data
    assert seconds >= blob.size * 8 / 40e6 * 0.9  # 2 MiB at 40 Mbit/s: 0.42 s (0.9: the first chunk is free)


def test_cut_once_delivers_exactly_the_bytes_then_breaks(registry: LocalRegistry) -> None:
    blob = Blob.of(os.urandom(3 * MiB))
    with PushClient(registry.url) as client:
        client.put_blob("wan/test", blob)
    with ProxyThread(registry.host, LinkSpec(latency=0.0), cut_after=2 * MiB) as proxy:
        with pytest.raises(httpx.TransportError):
            httpx.get(_blob_url(proxy.host, blob), timeout=60)
        cut = proxy.counters.bytes_down
        again = httpx.get(_blob_url(proxy.host, blob), timeout=60).raise_for_status().content  # cut only once
        counters = proxy.counters
    assert cut == 2 * MiB
    assert again == blob.data
    assert counters.cuts == 1


def test_bad_link_settings_are_refused_by_name() -> None:
    with pytest.raises(SystemExit, match="--latency-ms"):
        spec_from_args(latency_ms=-1, bandwidth_mbit=None)
    with pytest.raises(SystemExit, match="--bandwidth"):
        spec_from_args(latency_ms=20, bandwidth_mbit=0)
    with pytest.raises(ValueError, match="upstream must be host:port"):
        ProxyThread("no-port", LinkSpec(latency=0.0))


def test_a_window_smaller_than_the_body_pauses_and_resumes_without_losing_a_byte(registry: LocalRegistry) -> None:
    blob = Blob.of(os.urandom(5 * MiB + 3))
    with ProxyThread(registry.host, LinkSpec(latency=0.01, window=1 * MiB)) as proxy:
        with PushClient(f"http://{proxy.host}") as client:
            client.put_blob("wan/test", blob)  # up: the registry checks the digest of what it received
        with httpx.stream("GET", _blob_url(proxy.host, blob), timeout=60) as answer:
            chunks = []
            for chunk in answer.iter_bytes(256 * 1024):
                chunks.append(chunk)
                time.sleep(0.002)  # a reader slower than the link: the proxy's window fills
        counters = proxy.counters
    assert b"".join(chunks) == blob.data
    assert counters.bytes_down > blob.size and counters.bytes_up > blob.size
