"""The asyncio network backend under httpcore: what keep-alive, timeouts and errors depend on."""

from __future__ import annotations

import asyncio
import ssl

import httpcore
import pytest

from ecr_mirror.oci.aionet import AsyncioBackend


async def _server(handler: object) -> tuple[asyncio.Server, int]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)  # type: ignore[arg-type]
    return server, server.sockets[0].getsockname()[1]


def test_an_idle_connection_the_server_closed_reads_as_readable() -> None:
    async def scenario() -> tuple[bool, bool]:
        closed, gone = asyncio.Event(), asyncio.Event()

        async def close_at_once(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await closed.wait()
            writer.close()
            await writer.wait_closed()
            gone.set()

        server, port = await _server(close_at_once)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            before = stream.get_extra_info("is_readable")
            closed.set()
            await gone.wait()  # the server's socket is closed: on loopback its FIN has reached ours
            after = stream.get_extra_info("is_readable")
            await stream.aclose()
        return before, after

    before, after = asyncio.run(scenario())
    assert (before, after) == (False, True)  # usable while open; httpcore drops it once the server hung up


def test_read_and_write_round_trip_and_end_of_stream() -> None:
    async def scenario() -> tuple[bytes, bytes]:
        async def echo_once(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(await reader.readexactly(5))
            await writer.drain()
            writer.close()

        server, port = await _server(echo_once)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            await stream.write(b"hello", timeout=5)
            first = await stream.read(1024, timeout=5)
            rest = await stream.read(1024, timeout=5)
            await stream.aclose()
        return first, rest

    assert asyncio.run(scenario()) == (b"hello", b"")  # b"" at end of stream, as httpcore expects


def test_a_silent_peer_is_a_read_timeout_and_a_refused_port_a_connect_error() -> None:
    async def scenario() -> None:
        done = asyncio.Event()

        async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await done.wait()
            writer.close()

        server, port = await _server(silent)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            with pytest.raises(httpcore.ReadTimeout):
                await stream.read(1024, timeout=0.05)
            await stream.aclose()
            done.set()
        server.close()
        await server.wait_closed()
        with pytest.raises(httpcore.ConnectError, match=f"127.0.0.1:{port}"):
            await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)

    asyncio.run(scenario())


def test_a_connection_the_server_ended_is_closed_on_our_side_too() -> None:
    """HTTP/1.1 is done once the server ends the connection: ours closes without waiting for its owner to."""

    async def scenario() -> tuple[bytes, bytes]:
        ours_closed: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()

        async def end_first(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write_eof()
            ours_closed.set_result(await reader.read())  # b"" once our side has closed

        server, port = await _server(end_first)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            end = await stream.read(1024, timeout=5)
            seen_by_server = await asyncio.wait_for(ours_closed, timeout=10)  # before our aclose below
            await stream.aclose()
        return end, seen_by_server

    assert asyncio.run(scenario()) == (b"", b"")


def test_a_tls_handshake_the_server_never_answers_ends_at_its_timeout_and_closes_the_connection() -> None:
    async def scenario() -> tuple[str, bytes]:
        seen: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()

        async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            record = await reader.read(1)  # the ClientHello's record type; nothing is answered
            await reader.read()  # returns once our side has closed
            seen.set_result(record)
            writer.close()

        server, port = await _server(silent)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            with pytest.raises(httpcore.ConnectTimeout) as timed_out:
                await asyncio.wait_for(stream.start_tls(ssl.create_default_context(), "registry.test", 0.2), 5)
            closed = await asyncio.wait_for(seen, timeout=5)
        return str(timed_out.value), closed

    message, seen_by_server = asyncio.run(scenario())
    assert message == "TLS handshake with registry.test took over 0.2s"
    assert seen_by_server == b"\x16"  # a TLS handshake record was sent, then the connection was closed


def test_a_tls_handshake_answered_in_plain_http_is_a_connect_error_naming_the_cause() -> None:
    async def scenario() -> str:
        async def plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.read(5)
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            await reader.read()
            writer.close()

        server, port = await _server(plain)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            with pytest.raises(httpcore.ConnectError) as refused:
                await stream.start_tls(ssl.create_default_context(), "registry.test", 5)
        return str(refused.value)

    assert "WRONG_VERSION_NUMBER" in asyncio.run(scenario())


def test_a_write_waits_while_the_peer_reads_nothing_and_goes_on_once_it_reads() -> None:
    """Write flow control: with the socket's buffers full a write waits (here past its timeout); once the peer reads
    again the connection takes writes as before, a waiting one completes, and nothing goes wrong in between."""
    big = b"x" * (32 * 1024 * 1024)  # more than loopback's socket buffers hold

    async def scenario() -> tuple[str, int, list[dict[str, object]]]:
        loop = asyncio.get_running_loop()
        errors: list[dict[str, object]] = []
        loop.set_exception_handler(lambda _loop, context: errors.append(context))
        reading, first_read = asyncio.Event(), asyncio.Event()
        received: asyncio.Future[int] = loop.create_future()

        async def slow_reader(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reading.wait()
            total = 0
            while chunk := await reader.read(1024 * 1024):
                total += len(chunk)
                if total >= len(big):
                    first_read.set()  # the first write's bytes all left our side, nothing waiting for them
            received.set_result(total)
            writer.close()

        server, port = await _server(slow_reader)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            with pytest.raises(httpcore.WriteTimeout) as stuck:
                await stream.write(big, timeout=0.2)
            reading.set()
            await asyncio.wait_for(first_read.wait(), timeout=20)
            await asyncio.wait_for(stream.write(big, timeout=None), timeout=20)
            await stream.write(b"end", timeout=2)
            await stream.aclose()
            total = await asyncio.wait_for(received, timeout=20)
        return str(stuck.value), total, errors

    message, total, errors = asyncio.run(scenario())
    assert message == "could not send within 0.2s"
    assert total == 2 * len(big) + 3
    assert errors == []
