"""Reading an answer's body whole, never more than a cap: a hostile upstream cannot fill the function's memory.

Every body read whole goes through `read_limited`: the raw bytes are counted as they arrive, and a compressed body
(we ask for `identity`, a server may answer gzip anyway) is inflated at most to the cap, so neither a long body
nor a small one that inflates to gigabytes is ever held.
"""

from __future__ import annotations

import zlib

import httpx

from ecr_mirror.errors import UnsupportedError

KiB = 1024
MiB = 1024 * KiB
MAX_ERROR_BODY = 64 * KiB  # an error answer's JSON (its message is all we read it for)
MAX_TOKEN_BODY = 64 * KiB  # a token server's JSON (Docker Hub's is about 4 KiB)
MAX_TAG_PAGE = 8 * MiB  # one page of a tag list (Docker Hub's biggest repositories list 10,000s of tags)
MAX_BODY = MAX_ERROR_BODY  # any other answer read whole (HEAD, PUT, POST, DELETE answers carry no content)

# wbits for zlib: 32 + 15 accepts a gzip or a zlib header; -15 is a raw deflate stream.
_WBITS = {"gzip": 32 + 15, "x-gzip": 32 + 15, "deflate": 32 + 15}


def _too_big(what: str, limit: int) -> UnsupportedError:
    return UnsupportedError(f"{what}: the answer is over {limit} bytes; more is refused (a broken or hostile server?)")


async def read_limited(response: httpx.Response, limit: int, what: str) -> bytes:
    """The decoded body of a streamed response, refusing (UnsupportedError naming `what`) more than `limit` bytes."""
    if response.request.method == "HEAD" or response.status_code in (204, 304):
        # Content-Length describes what a GET would send. The (empty) stream is still read to its end: closed
        # unread, httpcore drops the connection, and the next request pays a new TCP (and TLS) handshake.
        async for _ in response.aiter_raw():
            pass
        return b""
    length = response.headers.get("content-length")
    encoding = response.headers.get("content-encoding", "identity").strip().lower() or "identity"
    if encoding not in ("identity", *_WBITS):
        raise UnsupportedError(f"{what}: the answer has Content-Encoding {encoding!r}, which is not read")
    if encoding == "identity" and length and length.isdigit() and int(length) > limit:
        raise UnsupportedError(f"{what} is {int(length)} bytes; more than {limit} is refused")
    raw: list[bytes] = []
    total = 0
    async for chunk in response.aiter_raw():
        total += len(chunk)
        if total > limit:
            raise _too_big(what, limit)
        raw.append(chunk)
    data = b"".join(raw)
    if encoding == "identity":
        return data
    inflater = zlib.decompressobj(_WBITS[encoding])
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise UnsupportedError(f"{what}: the answer's {encoding} encoding is broken: {exc}") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise _too_big(what, limit)
    return out


def with_body(response: httpx.Response, data: bytes) -> httpx.Response:
    """A read response: the same status, headers and request, with `data` (already decoded) as its content."""
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in ("content-encoding",)]
    read = httpx.Response(
        response.status_code,
        headers=headers,
        content=data,
        request=response.request,
        extensions=response.extensions,
    )
    return read


async def error_body(response: httpx.Response) -> bytes:
    """An error answer's body for its message; an oversized one is left unread (the status still speaks)."""
    try:
        return await read_limited(response, MAX_ERROR_BODY, "error answer")
    except UnsupportedError:
        return b""
    except httpx.TransportError:
        return b""
