"""httpcore's network backend on asyncio's transports and protocols.

httpcore's own asyncio support goes through anyio, whose event-loop layer costs about 15 ms to import and a
wrapper call on every socket operation. The engine only ever runs on asyncio, so this backend talks to asyncio
directly: connect, read, write, TLS upgrade (certificate and host name checked by the SSL context httpcore passes
in), raising httpcore's exceptions for timeouts and socket errors as its other backends do. Received chunks are
queued as the transport delivers them and handed out without copying (asyncio's StreamReader copies every byte
into and out of one buffer, which costs a blob copy a tenth more CPU), with reading paused while too much waits.
"""

from __future__ import annotations

import asyncio
import select
import socket
import ssl
from collections import deque
from collections.abc import Iterable
from typing import Any

import httpcore

# httpcore's names for connection facts -> asyncio's names for them
_EXTRA_INFO = {"ssl_object": "ssl_object", "client_addr": "sockname", "server_addr": "peername", "socket": "socket"}
PAUSE_AT = 1024 * 1024  # stop reading from the socket while this much received data waits for the reader


def _is_socket_readable(sock: socket.socket | None) -> bool:
    """True when the socket has data or end-of-file waiting: an idle keep-alive connection that is no longer usable."""
    if sock is None or sock.fileno() < 0:
        return True
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


class _Connection(asyncio.Protocol):
    """One connection's state: chunks received and not yet read, flow control both ways, the end."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.chunks: deque[bytes] = deque()
        self.queued = 0
        self.eof = False
        self.lost: Exception | None = None
        self.closed = False
        self._reading_paused = False
        self._data_waiter: asyncio.Future[None] | None = None
        self._drain_waiter: asyncio.Future[None] | None = None
        self._writing_paused = False

    # -- asyncio.Protocol --------------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)
        self.queued += len(data)
        if self.queued >= PAUSE_AT and not self._reading_paused and self.transport is not None:
            self._reading_paused = True
            self.transport.pause_reading()
        self._wake_reader()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake_reader()
        return False  # let the transport close: an HTTP/1.1 connection is done once the server ends it

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.lost = exc
        self._wake_reader()
        if self._drain_waiter is not None and not self._drain_waiter.done():
            self._drain_waiter.set_exception(ConnectionResetError(f"connection closed: {exc}"))

    def pause_writing(self) -> None:
        self._writing_paused = True

    def resume_writing(self) -> None:
        self._writing_paused = False
        if self._drain_waiter is not None and not self._drain_waiter.done():
            self._drain_waiter.set_result(None)

    # -- what the stream needs -----------------------------------------------------------------------------------
    def _wake_reader(self) -> None:
        if self._data_waiter is not None and not self._data_waiter.done():
            self._data_waiter.set_result(None)

    async def read(self, max_bytes: int) -> bytes:
        while not self.chunks:
            if self.eof or self.closed:
                if self.lost is not None and not self.eof:
                    raise ConnectionResetError(f"connection lost: {self.lost}") from self.lost
                return b""
            self._data_waiter = asyncio.get_running_loop().create_future()
            try:
                await self._data_waiter
            finally:
                self._data_waiter = None
        chunk = self.chunks.popleft()
        if len(chunk) > max_bytes:
            chunk, rest = chunk[:max_bytes], chunk[max_bytes:]
            self.chunks.appendleft(rest)
        self.queued -= len(chunk)
        if self._reading_paused and self.queued < PAUSE_AT // 2 and self.transport is not None:
            self._reading_paused = False
            self.transport.resume_reading()
        return chunk

    async def drain(self) -> None:
        if self.closed:
            raise ConnectionResetError(f"connection closed: {self.lost}") from self.lost
        if not self._writing_paused:
            return
        self._drain_waiter = asyncio.get_running_loop().create_future()
        try:
            await self._drain_waiter
        finally:
            self._drain_waiter = None


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, connection: _Connection) -> None:
        self._conn = connection

    @property
    def _transport(self) -> asyncio.Transport:
        assert self._conn.transport is not None
        return self._conn.transport

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._conn.read(max_bytes)
        except TimeoutError as exc:
            raise httpcore.ReadTimeout(f"no data within {timeout}s") from exc
        except OSError as exc:
            raise httpcore.ReadError(f"{type(exc).__name__}: {exc}") from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        try:
            async with asyncio.timeout(timeout):
                if self._conn.closed:
                    raise ConnectionResetError(f"connection closed: {self._conn.lost}")
                self._transport.write(buffer)
                await self._conn.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout(f"could not send within {timeout}s") from exc
        except OSError as exc:
            raise httpcore.WriteError(f"{type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        if self._conn.transport is not None:
            self._transport.close()  # the loop finishes it (TLS close_notify included); nobody waits for the peer

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                upgraded = await loop.start_tls(
                    self._transport, self._conn, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError as exc:
            await self.aclose()
            raise httpcore.ConnectTimeout(f"TLS handshake with {server_hostname} took over {timeout}s") from exc
        except (OSError, ssl.SSLError) as exc:  # certificate and host name failures are SSLError (an OSError)
            await self.aclose()
            raise httpcore.ConnectError(str(exc)) from exc
        if upgraded is None:  # pragma: no cover - only when the loop is closing
            raise httpcore.ConnectError(f"TLS with {server_hostname} could not start")
        self._conn.transport = upgraded
        return self

    def get_extra_info(self, info: str) -> Any:
        transport = self._conn.transport
        if info == "is_readable":
            if self._conn.chunks or self._conn.eof or self._conn.closed or transport is None:
                return True
            return _is_socket_readable(transport.get_extra_info("socket"))
        if transport is None:
            return None
        key = _EXTRA_INFO.get(info)
        return transport.get_extra_info(key) if key else None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                _, connection = await loop.create_connection(
                    _Connection, host, port, local_addr=(local_address, 0) if local_address else None
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"no connection to {host}:{port} within {timeout}s") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"{host}:{port}: {exc}") from exc
        stream = AsyncioStream(connection)
        sock = stream.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return stream

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:  # pragma: no cover - the guarded backend refuses unix sockets first
        raise httpcore.ConnectError(f"unix sockets are not used: {path}")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
