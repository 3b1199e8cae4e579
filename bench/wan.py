"""A wide-area link on loopback: a TCP proxy that delays every byte by a fixed latency, each way.

    python -m bench.wan --upstream 127.0.0.1:5000 --latency-ms 20 [--bandwidth 100] [--port 5001]

It is a delay line, not stop-and-wait: each chunk read from one side is written to the other side `latency`
seconds after it arrived, while later chunks keep arriving, so throughput is kept (up to `window` bytes in
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
import contextlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import TracebackType

CHUNK = 1 << 20
DEFAULT_WINDOW = 8 << 20


@dataclass(frozen=True)
class LinkSpec:
    latency: float  # seconds, one way
    bandwidth: float | None = None  # bytes per second per direction, shared by all connections; None: no cap
    window: int = DEFAULT_WINDOW  # bytes in flight per connection and direction
    handshake: bool = True  # a new connection's first bytes wait one extra round trip (TCP's SYN, SYN-ACK)

    def __post_init__(self) -> None:
        if self.latency < 0:
            raise ValueError(f"latency must be >= 0, got {self.latency}")
        if self.bandwidth is not None and self.bandwidth <= 0:
            raise ValueError(f"bandwidth must be > 0 bytes/s, got {self.bandwidth}")
        if self.window < CHUNK:
            raise ValueError(f"window must be >= {CHUNK} bytes, got {self.window}")


@dataclass
class Counters:
    """What crossed the proxy. Written by the proxy's loop only; plain ints, safe to read from another thread."""

    bytes_up: int = 0  # client -> upstream
    bytes_down: int = 0  # upstream -> client
    connections: int = 0  # accepted since the last reset
    open_connections: int = 0
    peak_connections: int = 0  # most connections open at once since the last reset
    cuts: int = 0

    def reset(self) -> None:
        self.bytes_up = self.bytes_down = self.connections = self.cuts = 0
        self.peak_connections = self.open_connections


@dataclass
class _Link:
    """One direction of the shared link: when it is free to send the next byte (bandwidth pacing)."""

    spec: LinkSpec
    free_at: float = 0.0

    def depart(self, now: float, size: int) -> float:
        if self.spec.bandwidth is None:
            return now
        self.free_at = max(now, self.free_at) + size / self.spec.bandwidth
        return self.free_at


@dataclass
class _Pipe:
    """One direction of one connection: chunks wait in `queue` until due; at most `window` bytes held."""

    queue: asyncio.Queue[tuple[float, bytes]] = field(default_factory=asyncio.Queue)
    held: int = 0
    room: asyncio.Event = field(default_factory=asyncio.Event)


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
        self._links = {"up": _Link(spec), "down": _Link(spec)}
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port, limit=CHUNK)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _accept(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        c = self.counters
        c.connections += 1
        c.open_connections += 1
        c.peak_connections = max(c.peak_connections, c.open_connections)
        loop = asyncio.get_running_loop()
        # The client's first bytes reach the upstream after the handshake's round trip plus the latency.
        first_due = loop.time() + (3 if self.spec.handshake else 1) * self.spec.latency
        upstream_w: asyncio.StreamWriter | None = None
        try:
            upstream_r, upstream_w = await asyncio.open_connection(*self.upstream, limit=CHUNK)
            up, down = _Pipe(), _Pipe()
            async with asyncio.TaskGroup() as group:
                group.create_task(self._read(client_r, up, "up", first_due))
                group.create_task(self._write(upstream_w, up, "up", client_w))
                group.create_task(self._read(upstream_r, down, "down", 0.0))
                group.create_task(self._write(client_w, down, "down", upstream_w))
        except (OSError, ExceptionGroup):
            pass  # a reset, a refused upstream, or our own cut: the connection ends either way
        except asyncio.CancelledError:
            pass  # close(): the proxy is shutting down (a cancelled handler would be logged by asyncio)
        finally:
            c.open_connections -= 1
            for w in (client_w, upstream_w):
                if w is not None:
                    w.close()
            self._tasks.discard(task)

    async def _read(self, reader: asyncio.StreamReader, pipe: _Pipe, name: str, first_due: float) -> None:
        loop = asyncio.get_running_loop()
        link = self._links[name]
        while True:
            data = await reader.read(CHUNK)
            now = loop.time()
            due = max(link.depart(now, len(data)) + self.spec.latency, first_due)
            pipe.queue.put_nowait((due, data))
            if not data:  # EOF travels with the same delay
                return
            pipe.held += len(data)
            while pipe.held >= self.spec.window:
                pipe.room.clear()
                await pipe.room.wait()

    async def _write(self, writer: asyncio.StreamWriter, pipe: _Pipe, name: str, other: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        sent = 0
        while True:
            due, data = await pipe.queue.get()
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            if name == "down" and self.cut_after is not None and sent + len(data) >= self.cut_after:
                writer.write(data[: self.cut_after - sent])
                self.counters.bytes_down += self.cut_after - sent
                self.cut_after = None  # once
                self.counters.cuts += 1
                await writer.drain()
                for w in (writer, other):
                    w.transport.abort()  # a reset, not a clean close: as a broken link looks to the client
                raise _CutError
            writer.write(data)
            sent += len(data)
            if name == "up":
                self.counters.bytes_up += len(data)
            else:
                self.counters.bytes_down += len(data)
            await writer.drain()
            pipe.held -= len(data)
            pipe.room.set()


class _CutError(Exception):
    """The proxy cut this connection on purpose (cut_after)."""


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
