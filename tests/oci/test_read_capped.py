"""A streamed answer read whole with a cap (responses.read_capped, what referrers lists are read with): the bytes
within the cap, a refusal naming the request over it, and an answer that breaks off named as such (not as a
network fault of the request itself)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from ecr_mirror.errors import RegistryError, UnsupportedError
from ecr_mirror.oci.responses import read_capped
from tests.support.bodies import ChunkedBody

WHAT = "GET referrers registry.test/lib/app@sha256:abc"


def _read(body: ChunkedBody, limit: int) -> bytes:
    request = httpx.Request("GET", "https://registry.test/v2/lib/app/referrers/sha256:abc")
    return asyncio.run(read_capped(httpx.Response(200, stream=body, request=request), limit, WHAT))


def test_an_answer_within_the_cap_is_read_whole() -> None:
    assert _read(ChunkedBody(b'{"manifests":', b"[]}"), limit=16) == b'{"manifests":[]}'


def test_an_answer_over_the_cap_is_refused_naming_the_request() -> None:
    with pytest.raises(UnsupportedError) as refused:
        _read(ChunkedBody(b"x" * 10, b"x" * 7), limit=16)
    assert str(refused.value) == f"{WHAT}: the answer is over 16 bytes; more is refused (a broken or hostile server?)"


def test_an_answer_that_breaks_off_is_a_registry_error_naming_the_request_and_the_fault() -> None:
    with pytest.raises(RegistryError) as broken:
        _read(ChunkedBody(b"{", broken=True), limit=16)
    assert str(broken.value) == f"{WHAT}: the answer broke off: ReadError: connection reset by peer"
