"""An answer's body read whole with a cap (bodies.read_limited): the bytes as sent or inflated, and each refusal named
(an encoding we do not read, a body or an inflated body over the cap, a compressed body that is broken); a read
answer keeps its status and headers but its Content-Encoding; an error answer's body is empty when it cannot be read.
"""

from __future__ import annotations

import asyncio
import gzip
import zlib

import httpx
import pytest

from ecr_mirror.errors import UnsupportedError
from ecr_mirror.oci.bodies import error_body, read_limited, with_body
from tests.support.bodies import ChunkedBody

WHAT = "GET manifest registry.test/lib/app:1"


def _answer(
    *chunks: bytes, headers: dict[str, str] | None = None, status: int = 200, broken: bool = False
) -> httpx.Response:
    request = httpx.Request("GET", "https://registry.test/v2/lib/app/manifests/1")
    return httpx.Response(status, headers=headers or {}, stream=ChunkedBody(*chunks, broken=broken), request=request)


def _read(response: httpx.Response, limit: int) -> bytes:
    return asyncio.run(read_limited(response, limit, WHAT))


def _refusal(response: httpx.Response, limit: int) -> str:
    with pytest.raises(UnsupportedError) as caught:
        _read(response, limit)
    return str(caught.value)


def test_a_plain_body_is_read_whole_up_to_its_cap() -> None:
    assert _read(_answer(b"ab", b"cd", headers={"Content-Length": "4"}), 4) == b"abcd"


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "deflate", " GZIP "])
def test_a_compressed_body_is_inflated(encoding: str) -> None:
    packed = zlib.compress(b"m" * 100) if encoding == "deflate" else gzip.compress(b"m" * 100)
    assert _read(_answer(packed, headers={"Content-Encoding": encoding}), 100) == b"m" * 100


def test_a_broken_compressed_body_is_refused_naming_the_answer_and_its_encoding() -> None:
    message = _refusal(_answer(b"not gzip at all", headers={"Content-Encoding": "gzip"}), 100)
    assert message.startswith(f"{WHAT}: the answer's gzip encoding is broken: ")


def test_an_encoding_we_do_not_read_is_refused_by_name() -> None:
    message = _refusal(_answer(b"x", headers={"Content-Encoding": "br"}), 100)
    assert message == f"{WHAT}: the answer has Content-Encoding 'br', which is not read"


def test_a_declared_length_over_the_cap_is_refused_before_reading() -> None:
    message = _refusal(_answer(b"", headers={"Content-Length": "101"}), 100)
    assert message == f"{WHAT} is 101 bytes; more than 100 is refused"


def test_a_body_over_the_cap_is_refused_as_it_arrives_and_one_inflating_over_it_too() -> None:
    too_big = f"{WHAT}: the answer is over 4 bytes; more is refused (a broken or hostile server?)"
    assert _refusal(_answer(b"abc", b"de"), 4) == too_big
    assert _refusal(_answer(gzip.compress(b"abcde"), headers={"Content-Encoding": "gzip"}), 4) == too_big


def test_a_read_answer_keeps_status_headers_and_request_but_not_its_content_encoding() -> None:
    answer = _answer(b"", status=201, headers={"Content-Encoding": "gzip", "Docker-Content-Digest": "sha256:x"})
    read = with_body(answer, b"inflated")
    assert read.status_code == 201
    assert read.content == b"inflated"
    assert read.request is answer.request
    assert "content-encoding" not in read.headers
    assert read.headers["docker-content-digest"] == "sha256:x"


def test_an_error_body_is_read_or_left_empty_when_it_cannot_be() -> None:
    assert asyncio.run(error_body(_answer(b'{"errors": []}', status=404))) == b'{"errors": []}'
    assert asyncio.run(error_body(_answer(b"x" * (64 * 1024 + 1), status=500))) == b""
    assert asyncio.run(error_body(_answer(b"x", status=500, broken=True))) == b""
