"""A wide-area link on loopback: a TCP proxy that delays every byte by a fixed latency, each way.

    python -m bench.wan --upstream 127.0.0.1:5000 --latency-ms 20 [--bandwidth 100] [--port 5001]

It is a delay line, not stop-and-wait: each chunk read from one side is written to the other side `latency`
seconds after it arrived (asyncio protocols and one timer per direction: little CPU of its own beside the
benchmarked process), while later chunks keep arriving, so throughput is kept (up to `window` bytes in
flight per connection and direction, as a TCP window would; 8 MiB over 20 ms is 400 MiB/s). A new connection
first pays the TCP handshake: its first bytes reach the upstream one round trip later (SYN, SYN-ACK), as they
would across a real link; a reused keep-alive connection pays only the latency. An optional bandwidth cap paces
the bytes of all connections of one direction through one shared link (bytes leave one after another at the
cap, then travel for the latency). Not modelled: loss, TCP slow start, TLS handshakes (plain HTTP here).

`cut_after` makes the proxy cut, once, the first connection whose downstream (upstream -> client) bytes reach
that many: the client gets exactly that many bytes and then a reset, as a broken download would see.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import threading
from collections.abc import Sequence
from types import TracebackType

from .wan_link import Counters, Link, LinkSpec

__all__ = ["Counters", "LinkSpec", "ProxyThread", "WanProxy", "spec_from_args"]


_OTHER = {"up": "down", "down": "up"}


class _Side(asyncio.Protocol):
    """One socket of a proxied connection; what it reads travels to the other socket (`_Connection.forward`)."""

    def __init__(self, connection: _Connection, direction: str) -> None:
        self.connection = connection
        self.direction = direction  # of the bytes this socket reads: "up" (the client's), "down" (the upstream's)
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.connection.made(self)

    def data_received(self, data: bytes) -> None:
        self.connection.forward(self.direction, data)

    def eof_received(self) -> bool:
        self.connection.forward(self.direction, b"")  # EOF travels with the same delay
        return True  # half-closed: the other direction may still carry bytes

    def connection_lost(self, exc: Exception | None) -> None:
        self.connection.lost(self, exc)

    def pause_writing(self) -> None:  # this end reads slower than the link delivers: stop reading the other end
        self.connection.pause(_OTHER[self.direction], "writer")

    def resume_writing(self) -> None:
        self.connection.resume(_OTHER[self.direction], "writer")


class _Connection:
    """A client's connection and its upstream one. Each direction is a delay line: a chunk read at `now` is written
    at `now + latency` (later under a bandwidth cap), in order, by one timer per direction; at most `window` bytes
    wait per direction (reading pauses above it, as a TCP window would stop the sender)."""

    def __init__(self, proxy: WanProxy) -> None:
        self.proxy = proxy
        self.loop = asyncio.get_running_loop()
        self.client = _Side(self, "up")
        self.upstream: _Side | None = None
        self.queues: dict[str, collections.deque[tuple[float, bytes]]] = {
            "up": collections.deque(),
            "down": collections.deque(),
        }
        self.held = {"up": 0, "down": 0}
        self.timers: dict[str, asyncio.TimerHandle | None] = {"up": None, "down": None}
        self.paused: dict[str, set[str]] = {"up": set(), "down": set()}  # why each direction's reading waits
        self.sent_down = 0
        self.eof_read: set[str] = set()  # directions whose reading side sent its EOF (or went away)
        self.eof_written: set[str] = set()  # ... and whose EOF was delivered: both, and the connection is done
        self.closed = False
        spec = proxy.spec
        # The client's first bytes reach the upstream after the handshake's round trip plus the latency.
        self.first_due = self.loop.time() + (3 if spec.handshake else 1) * spec.latency

    def made(self, side: _Side) -> None:
        if side is self.client:
            counters = self.proxy.counters
            counters.connections += 1
            counters.open_connections += 1
            counters.peak_connections = max(counters.peak_connections, counters.open_connections)
            self.proxy.connections.add(self)
            self.loop.create_task(self._connect())
        else:
            self.upstream = side
            if self.closed and side.transport is not None:
                side.transport.close()  # the client went away while this connection was being opened
                return
            self._schedule("up")  # bytes the client sent while the upstream connection was being opened

    async def _connect(self) -> None:
        try:
            await self.loop.create_connection(lambda: _Side(self, "down"), *self.proxy.upstream)
        except OSError:
            self.abort()  # a refused upstream: the client sees its connection end

    def _sides(self, direction: str) -> tuple[_Side | None, _Side | None]:
        """(the side that reads `direction`'s bytes, the side that writes them)."""
        return (self.client, self.upstream) if direction == "up" else (self.upstream, self.client)

    def forward(self, direction: str, data: bytes) -> None:
        if direction in self.eof_read:
            return
        if not data:
            self.eof_read.add(direction)
        now = self.loop.time()
        link = self.proxy.links[direction]
        due = link.depart(now, len(data)) + self.proxy.spec.latency
        self.queues[direction].append((max(due, self.first_due) if direction == "up" else due, data))
        self.held[direction] += len(data)
        if self.held[direction] >= self.proxy.spec.window:
            self.pause(direction, "window")
        self._schedule(direction)

    def _schedule(self, direction: str) -> None:
        queue = self.queues[direction]
        if queue and self.timers[direction] is None and not self.closed:
            self.timers[direction] = self.loop.call_at(queue[0][0], self._deliver, direction)

    def _deliver(self, direction: str) -> None:
        self.timers[direction] = None
        _, writer = self._sides(direction)
        if writer is None or writer.transport is None:
            return  # the upstream connection is still being opened; made() delivers then
        queue, now, counters = self.queues[direction], self.loop.time(), self.proxy.counters
        while queue and queue[0][0] <= now and not self.closed:
            _, data = queue.popleft()
            if not data:
                if not writer.transport.is_closing() and writer.transport.can_write_eof():
                    writer.transport.write_eof()
                self.eof_written.add(direction)
                if len(self.eof_written) == 2:
                    self.close()
                    return
                continue
            if writer.transport.is_closing():
                self.held[direction] -= len(data)
                continue  # the other end went away; what it would have been sent is dropped
            cut_after = self.proxy.cut_after
            if direction == "down" and cut_after is not None and self.sent_down + len(data) >= cut_after:
                writer.transport.write(data[: cut_after - self.sent_down])
                counters.bytes_down += cut_after - self.sent_down
                self.proxy.cut_after = None  # once
                counters.cuts += 1
                self.abort()  # a reset, not a clean close: as a broken link looks to the client
                return
            writer.transport.write(data)
            self.held[direction] -= len(data)
            if direction == "up":
                counters.bytes_up += len(data)
            else:
                counters.bytes_down += len(data)
                self.sent_down += len(data)
        if self.held[direction] < self.proxy.spec.window:
            self.resume(direction, "window")
        self._schedule(direction)

    def pause(self, direction: str, why: str) -> None:
        reader, _ = self._sides(direction)
        if reader is not None and reader.transport is not None and why not in self.paused[direction]:
            if not self.paused[direction] and not reader.transport.is_closing():
                reader.transport.pause_reading()
            self.paused[direction].add(why)

    def resume(self, direction: str, why: str) -> None:
        reader, _ = self._sides(direction)
        if why in self.paused[direction] and reader is not None and reader.transport is not None:
            self.paused[direction].discard(why)
            if not self.paused[direction] and not reader.transport.is_closing():
                reader.transport.resume_reading()

    def lost(self, side: _Side, exc: Exception | None) -> None:
        """A socket gone: after a reset, both go at once; after a clean close, its EOF travels as any byte."""
        if self.closed:
            return
        if exc is not None:
            self.abort()
        else:
            self.forward(side.direction, b"")

    def close(self) -> None:
        """Both sockets closed, once (after both EOFs were delivered, a reset, a cut, or the proxy's close)."""
        if self.closed:
            return
        self.closed = True
        for timer in self.timers.values():
            if timer is not None:
                timer.cancel()
        for side in (self.client, self.upstream):
            if side is not None and side.transport is not None:
                side.transport.close()
        self.proxy.counters.open_connections -= 1
        self.proxy.connections.discard(self)

    def abort(self) -> None:
        for side in (self.client, self.upstream):
            if side is not None and side.transport is not None:
                side.transport.abort()
        self.close()


class WanProxy:
    """The asyncio proxy. start() binds 127.0.0.1 (port 0: any free port); `host` is then host:port."""

    def __init__(self, upstream: str, spec: LinkSpec, *, port: int = 0, cut_after: int | None = None) -> None:
        upstream_host, sep, upstream_port = upstream.rpartition(":")
        if not sep or not upstream_port.isdigit():
            raise ValueError(f"upstream must be host:port, got {upstream!r}")
        self.upstream = (upstream_host, int(upstream_port))
        self.spec = spec
        self.port = port
        self.cut_after = cut_after
        self.counters = Counters()
        self.links = {"up": Link(spec), "down": Link(spec)}
        self.connections: set[_Connection] = set()
        self._server: asyncio.Server | None = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Connection(self).client, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for connection in list(self.connections):
            connection.abort()
        if self._server is not None:
            await self._server.wait_closed()


class ProxyThread:
    """A WanProxy on its own event loop in a daemon thread: `with ProxyThread(up, spec) as p: use p.host`."""

    def __init__(self, upstream: str, spec: LinkSpec, *, cut_after: int | None = None) -> None:
        self.proxy = WanProxy(upstream, spec, cut_after=cut_after)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="wan-proxy", daemon=True)

    @property
    def host(self) -> str:
        return self.proxy.host

    @property
    def counters(self) -> Counters:
        return self.proxy.counters

    def arm_cut(self, after: int | None) -> None:
        self._loop.call_soon_threadsafe(setattr, self.proxy, "cut_after", after)

    def __enter__(self) -> ProxyThread:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.proxy.start(), self._loop).result(timeout=30)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self.proxy.close(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()


def spec_from_args(latency_ms: float, bandwidth_mbit: float | None) -> LinkSpec:
    """--latency-ms (one way) and --bandwidth (megabits per second, as links are sold) to a LinkSpec."""
    if latency_ms < 0:
        raise SystemExit(f"--latency-ms must be >= 0, got {latency_ms}")
    if bandwidth_mbit is not None and bandwidth_mbit <= 0:
        raise SystemExit(f"--bandwidth must be > 0 megabits per second, got {bandwidth_mbit}")
    return LinkSpec(latency_ms / 1000, None if bandwidth_mbit is None else bandwidth_mbit * 1e6 / 8)


async def _serve(args: argparse.Namespace) -> None:
    proxy = WanProxy(args.upstream, spec_from_args(args.latency_ms, args.bandwidth), port=args.port)
    await proxy.start()
    print(f"forwarding {proxy.host} -> {args.upstream} with {args.latency_ms} ms each way", flush=True)
    await asyncio.Event().wait()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.wan", description=__doc__.split("\n")[0] if __doc__ else "")
    parser.add_argument("--upstream", required=True, help="host:port to forward to")
    parser.add_argument("--latency-ms", type=float, default=20.0, help="one-way latency (default 20)")
    parser.add_argument("--bandwidth", type=float, default=None, metavar="MBIT", help="cap, megabits per second")
    parser.add_argument("--port", type=int, default=0, help="port to listen on, on 127.0.0.1 (default: any)")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
