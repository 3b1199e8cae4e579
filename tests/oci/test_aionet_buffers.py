"""The asyncio backend's received data (oci/aionet.py): reading pauses once PAUSE_AT bytes wait and resumes below
half of that, reads hand out what came in any size, data nobody asked for makes an idle connection readable (also
before the loop has seen it), and the errors of a reset or closed connection say what happened."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
import time

import httpcore
import pytest

from ecr_mirror.oci.aionet import PAUSE_AT, AsyncioBackend, _Connection


class _Transport(asyncio.Transport):
    """Records the flow control asked of it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def pause_reading(self) -> None:
        self.calls.append("pause")

    def resume_reading(self) -> None:
        self.calls.append("resume")


def test_reading_pauses_at_pause_at_bytes_waiting_and_resumes_below_half_of_it() -> None:
    async def scenario() -> list[tuple[int, list[str]]]:
        transport = _Transport()
        connection = _Connection()
        connection.connection_made(transport)
        seen = []
        connection.data_received(b"a" * (PAUSE_AT - 1))
        seen.append((0, list(transport.calls)))  # one byte short: not paused
        connection.data_received(b"b")
        seen.append((0, list(transport.calls)))  # paused at exactly PAUSE_AT
        connection.data_received(b"c")
        seen.append((0, list(transport.calls)))  # and not again
        read = len(await connection.read(PAUSE_AT // 2))
        read += len(await connection.read(1))
        seen.append((read, list(transport.calls)))  # PAUSE_AT // 2 bytes wait: still paused
        read += len(await connection.read(1))
        seen.append((read, list(transport.calls)))  # one fewer: resumed
        for _ in range(3):  # the rest of the first chunk, then b"b" and b"c": a read takes from one chunk
            read += len(await connection.read(PAUSE_AT))
        seen.append((read, list(transport.calls)))  # resumed once only
        return seen

    assert asyncio.run(scenario()) == [
        (0, []),
        (0, ["pause"]),
        (0, ["pause"]),
        (PAUSE_AT // 2 + 1, ["pause"]),
        (PAUSE_AT // 2 + 2, ["pause", "resume"]),
        (PAUSE_AT + 1, ["pause", "resume"]),
    ]


def test_reads_hand_out_the_data_as_asked_whatever_the_chunks() -> None:
    async def scenario() -> list[bytes]:
        connection = _Connection()
        connection.connection_made(_Transport())
        connection.data_received(b"abc")
        reads = [await connection.read(3)]  # a chunk of exactly the size asked
        connection.data_received(b"defgh")
        reads += [await connection.read(2), await connection.read(10)]
        connection.data_received(b"i")
        reads.append(await connection.read(3))
        return reads

    assert asyncio.run(scenario()) == [b"abc", b"de", b"fgh", b"i"]


def test_an_idle_connection_with_data_nobody_asked_for_reads_as_readable() -> None:
    async def scenario() -> tuple[bool, bool]:
        speak = asyncio.Event()

        async def unsolicited(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await speak.wait()
            writer.write(b"HTTP/1.1 200 OK\r\n")
            await writer.drain()
            await asyncio.sleep(5)
            writer.close()

        server = await asyncio.start_server(unsolicited, "127.0.0.1", 0)
        async with server:
            port = server.sockets[0].getsockname()[1]
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            await asyncio.sleep(0.1)
            before = stream.get_extra_info("is_readable")
            speak.set()
            await asyncio.sleep(0.3)  # the bytes have come in and wait in our queue: the socket itself is empty
            after = stream.get_extra_info("is_readable")
            await stream.aclose()
            server.close()
        return before, after

    assert asyncio.run(scenario()) == (False, True)


def test_data_the_loop_has_not_taken_in_yet_makes_the_connection_readable() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    speak = threading.Event()

    def serve() -> None:
        peer, _ = listener.accept()
        speak.wait(10)
        peer.sendall(b"HTTP/1.1 200 OK\r\n")
        time.sleep(0.5)
        peer.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    async def scenario() -> tuple[bool, bool]:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        before = stream.get_extra_info("is_readable")
        speak.set()
        time.sleep(0.3)  # blocking: the loop does not run, so only the socket knows of the bytes
        after = stream.get_extra_info("is_readable")
        await stream.aclose()
        return before, after

    try:
        assert asyncio.run(scenario()) == (False, True)
    finally:
        thread.join(5)
        listener.close()


def test_a_reset_connection_is_a_read_error_saying_so_and_a_closed_one_a_write_error() -> None:
    errors: list[dict[str, object]] = []

    async def scenario() -> tuple[str, str]:
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: errors.append(context))

        async def reset(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            await reader.readexactly(4)
            writer.transport.abort()  # RST, not FIN

        async def close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.close()

        reset_server = await asyncio.start_server(reset, "127.0.0.1", 0)
        close_server = await asyncio.start_server(close, "127.0.0.1", 0)
        async with reset_server, close_server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", reset_server.sockets[0].getsockname()[1], 5)
            await stream.write(b"ping", timeout=5)
            with pytest.raises(httpcore.ReadError) as read:
                await stream.read(10, timeout=5)
            await stream.aclose()
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", close_server.sockets[0].getsockname()[1], 5)
            assert await stream.read(10, timeout=5) == b""
            await asyncio.sleep(0.1)
            with pytest.raises(httpcore.WriteError) as write:
                await stream.write(b"late", timeout=5)
            await stream.aclose()
        return str(read.value), str(write.value)

    read, write = asyncio.run(scenario())
    assert errors == []  # nothing went wrong inside the protocol's callbacks
    assert read.startswith("ConnectionResetError: connection lost: [Errno 104]"), read
    assert write == "ConnectionResetError: connection closed: None"


def test_a_silent_peer_is_a_read_timeout_naming_the_wait() -> None:
    async def scenario() -> str:
        async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await asyncio.sleep(5)

        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", server.sockets[0].getsockname()[1], 5)
            with pytest.raises(httpcore.ReadTimeout) as late:
                await stream.read(10, timeout=0.2)
            await stream.aclose()
            server.close()
        return str(late.value)

    assert asyncio.run(scenario()) == "no data within 0.2s"


def test_two_connections_from_one_local_address_at_once() -> None:
    async def scenario() -> int:
        async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.read()

        server = await asyncio.start_server(hold, "127.0.0.1", 0)
        async with server:
            port = server.sockets[0].getsockname()[1]
            backend = AsyncioBackend()
            streams = [await backend.connect_tcp("127.0.0.1", port, 5, local_address="127.0.0.4") for _ in range(2)]
            ports = {stream.get_extra_info("client_addr")[1] for stream in streams}
            for stream in streams:
                await stream.aclose()
            server.close()
        return len(ports)

    assert asyncio.run(scenario()) == 2  # each on a port of its own


def test_a_write_waiting_on_a_peer_that_reads_nothing_fails_at_once_when_the_connection_is_lost() -> None:
    async def scenario() -> tuple[bool, str, float]:
        hold = asyncio.Event()

        async def never_read(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await hold.wait()
            writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()

        server = await asyncio.start_server(never_read, "127.0.0.1", 0)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", server.sockets[0].getsockname()[1], 5)
            write = asyncio.ensure_future(stream.write(b"x" * (64 * 1024 * 1024), timeout=30))
            await asyncio.sleep(0.3)
            waiting = not write.done()  # paused: the peer reads nothing
            hold.set()
            started = time.monotonic()
            with pytest.raises(httpcore.WriteError) as lost:
                await asyncio.wait_for(write, 10)
            waited = time.monotonic() - started
            await stream.aclose()
        return waiting, str(lost.value), waited

    waiting, lost, waited = asyncio.run(scenario())
    assert waiting and lost.startswith("ConnectionResetError: connection closed: [Errno"), lost
    assert waited < 5  # not at the write's timeout


def test_the_end_of_a_connection_reads_as_empty_unless_it_was_lost_to_an_error() -> None:
    async def scenario() -> list[bytes | str]:
        ends: list[bytes | str] = []
        for eof, lost in ((False, None), (True, None), (True, OSError("gone")), (False, OSError("reset"))):
            connection = _Connection()
            connection.connection_made(_Transport())
            connection.data_received(b"last")
            if eof:
                connection.eof_received()
            connection.connection_lost(lost)
            try:
                ends += [await connection.read(10), await connection.read(10)]
            except ConnectionResetError as exc:
                ends.append(str(exc))
        return ends

    assert asyncio.run(scenario()) == [b"last", b"", b"last", b"", b"last", b"", "connection lost: reset"]
