"""A response body given in chunks, that may break after the last one (a connection reset mid-body)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx


class ChunkedBody(httpx.AsyncByteStream):
    def __init__(self, *chunks: bytes, broken: bool = False) -> None:
        self.chunks = chunks
        self.broken = broken

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.broken:
            raise httpx.ReadError("connection reset by peer")
