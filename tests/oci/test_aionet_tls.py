"""The asyncio backend's TLS upgrade (oci/aionet.py) carried through: after the handshake the same stream reads and
writes over TLS, names the TLS session, and checks the server's name (a lab CA and a certificate for localhost)."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

import httpcore
import pytest

from ecr_mirror.lab.tlscerts import make_tls_files
from ecr_mirror.oci.aionet import AsyncioBackend


def _contexts(directory: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    files = make_tls_files(directory)
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(files.certificate, files.key)
    client = ssl.create_default_context(cafile=str(files.ca))
    return server, client


def test_a_stream_upgraded_to_tls_reads_and_writes_over_it(tmp_path: Path) -> None:
    server_context, client_context = _contexts(tmp_path)

    async def scenario() -> tuple[bytes, bool, str | None]:
        async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(await reader.readexactly(5))
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(echo, "127.0.0.1", 0, ssl=server_context)
        async with server:
            plain = await AsyncioBackend().connect_tcp("127.0.0.1", server.sockets[0].getsockname()[1], timeout=5)
            stream = await plain.start_tls(client_context, server_hostname="localhost", timeout=5)
            await stream.write(b"hello", timeout=5)
            echoed = await stream.read(10, timeout=5)
            session = stream.get_extra_info("ssl_object")
            await stream.aclose()
        return echoed, isinstance(session, ssl.SSLObject), getattr(session, "server_hostname", None)

    assert asyncio.run(scenario()) == (b"hello", True, "localhost")


def test_a_certificate_for_another_name_fails_the_upgrade_naming_the_mismatch(tmp_path: Path) -> None:
    server_context, client_context = _contexts(tmp_path)

    async def scenario() -> str:
        async def idle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.read()

        server = await asyncio.start_server(idle, "127.0.0.1", 0, ssl=server_context)
        async with server:
            plain = await AsyncioBackend().connect_tcp("127.0.0.1", server.sockets[0].getsockname()[1], timeout=5)
            with pytest.raises(httpcore.ConnectError) as refused:
                await plain.start_tls(client_context, server_hostname="registry.example", timeout=5)
            server.close()
        return str(refused.value)

    assert "Hostname mismatch" in asyncio.run(scenario())
