"""An origin's connection slots and the lean HEAD path (oci/origin_pools.py): a HEAD that waits while every
connection of its origin is busy takes the lean path on the first one freed, and the slots of one origin never hold
up another's HEADs. Loopback servers: `/stream` answers with headers and holds its body until told, `/silent` is
never answered, anything else gets an empty 200."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from ecr_mirror.errors import RegistryError
from ecr_mirror.oci.netguard import GuardedBackend
from ecr_mirror.oci.origin_pools import guarded_transport
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import LEAN_ANSWER, Transport
from ecr_mirror.oci.waits import WaitLimits


class _Server:
    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.silent_after = 0  # answers before this server goes silent (0: never)
        self.answers = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                if self.silent_after and self.answers >= self.silent_after:
                    await asyncio.sleep(3600)
                self.answers += 1
                if b" /stream " in head:
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n")
                    await writer.drain()
                    await self.release.wait()
                    writer.write(b"body")
                else:
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def start(self) -> str:
        self._server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    def close(self) -> None:
        self._server.close()


def _transport(max_connections: int | None, headers: float = 30.0) -> Transport:
    pools = guarded_transport(
        httpx.Limits(max_connections=max_connections), backend=GuardedBackend(trusted=["127.0.0.1"])
    )
    return Transport(
        policy=UrlPolicy(plain_http=True),
        client=httpx.AsyncClient(transport=pools),
        waits=WaitLimits(headers=headers),
    )


@pytest.mark.parametrize("connections", [1, None], ids=["one", "unset (100)"])
def test_a_head_waiting_while_every_connection_is_busy_takes_the_lean_path_once_one_is_free(
    connections: int | None,
) -> None:
    busy = connections or 100

    async def scenario() -> tuple[int, bool, bool]:
        server = _Server()
        base = await server.start()
        transport = _transport(connections)
        try:
            streams = [await transport.send("GET", f"{base}/stream", stream=True) for _ in range(busy)]
            head = asyncio.ensure_future(transport.send("HEAD", f"{base}/a"))
            await asyncio.sleep(0.2)
            waited = not head.done()
            server.release.set()
            for stream in streams:
                await stream.aread()
                await stream.aclose()
            answer = await asyncio.wait_for(head, 10)
            return answer.status_code, waited, LEAN_ANSWER in answer.extensions
        finally:
            await transport.aclose()
            server.close()

    assert asyncio.run(scenario()) == (200, True, True)


def test_an_origin_whose_heads_hang_does_not_hold_up_another_origins_heads() -> None:
    async def scenario() -> tuple[int, bool, bool]:
        stuck, other = _Server(), _Server()
        stuck.silent_after = 1
        stuck_base, other_base = await stuck.start(), await other.start()
        transport = _transport(1, headers=5.0)
        try:
            for base in (stuck_base, other_base):  # a kept connection each: later HEADs take the lean path
                await transport.send("HEAD", f"{base}/a")
            hanging = asyncio.ensure_future(transport.send("HEAD", f"{stuck_base}/a", retries=False))
            await asyncio.sleep(0.2)
            answer = await asyncio.wait_for(transport.send("HEAD", f"{other_base}/a"), 2)
            still_hanging = not hanging.done()
            hanging.cancel()
            return answer.status_code, LEAN_ANSWER in answer.extensions, still_hanging
        finally:
            await transport.aclose()
            stuck.close()
            other.close()

    assert asyncio.run(scenario()) == (200, True, True)


def test_an_origin_with_every_connection_busy_does_not_hold_up_another_origins_requests() -> None:
    async def scenario() -> tuple[int, bool]:
        busy, other = _Server(), _Server()
        busy_base, other_base = await busy.start(), await other.start()
        transport = _transport(1)
        try:
            held = await transport.send("GET", f"{busy_base}/stream", stream=True)
            answer = await asyncio.wait_for(transport.send("GET", f"{other_base}/a"), 5)
            still_held = not held.is_closed
            busy.release.set()
            await held.aclose()
            return answer.status_code, still_held
        finally:
            await transport.aclose()
            busy.close()
            other.close()

    assert asyncio.run(scenario()) == (200, True)


def test_the_wait_for_response_headers_starts_once_the_request_has_its_slot() -> None:
    async def scenario() -> str:
        server = _Server()
        server.silent_after = 1
        base = await server.start()
        transport = _transport(1, headers=0.3)
        try:
            await transport.send("GET", f"{base}/a")  # answered; the next request on this origin is not
            with pytest.raises(RegistryError) as late:
                await asyncio.wait_for(transport.send("GET", f"{base}/a", retries=False), 10)
            return str(late.value)
        finally:
            await transport.aclose()
            server.close()

    assert "ReadTimeout: no response headers within 0.3s" in asyncio.run(scenario())


def test_a_lean_head_sends_one_host_the_urls_even_when_the_client_has_a_default_host() -> None:
    async def scenario() -> tuple[list[bytes], list[bool], str]:
        heads: list[bytes] = []

        async def record(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            for _ in range(2):
                heads.append(await reader.readuntil(b"\r\n\r\n"))
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
            writer.close()

        server = await asyncio.start_server(record, "127.0.0.1", 0)
        netloc = f"127.0.0.1:{server.sockets[0].getsockname()[1]}"
        pools = guarded_transport(httpx.Limits(max_connections=2), backend=GuardedBackend(trusted=["127.0.0.1"]))
        client = httpx.AsyncClient(transport=pools, headers={"Host": "elsewhere.example"})
        transport = Transport(policy=UrlPolicy(plain_http=True), client=client)
        try:
            lean = [LEAN_ANSWER in (await transport.send("HEAD", f"http://{netloc}/a")).extensions for _ in range(2)]
        finally:
            await transport.aclose()
            server.close()
        return heads, lean, netloc

    heads, lean, netloc = asyncio.run(scenario())
    hosts = [line for line in heads[1].split(b"\r\n") if line.lower().startswith(b"host:")]
    assert (lean, hosts) == ([False, True], [b"Host: " + netloc.encode()])


def test_a_lean_answer_keeps_the_servers_http_version_and_reason_phrase() -> None:
    async def scenario() -> tuple[bool, str, str]:
        async def old(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.0 200 Fine by me\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(old, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = _transport(2)
        try:
            await transport.send("HEAD", f"{base}/a")
            answer = await transport.send("HEAD", f"{base}/a")
        finally:
            await transport.aclose()
            server.close()
        return LEAN_ANSWER in answer.extensions, answer.http_version, answer.reason_phrase

    assert asyncio.run(scenario()) == (True, "HTTP/1.0", "Fine by me")


def test_a_streamed_upload_waits_for_its_answer_by_the_limit_after_uploads_from_its_last_byte() -> None:
    async def scenario() -> tuple[int, int]:
        received: list[int] = []

        async def take(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            body = await reader.readuntil(b"0\r\n\r\n")  # chunked: the last chunk ends it
            received.append(len(body))
            await asyncio.sleep(0.6)  # verifying the blob: longer than the headers wait, within the one after uploads
            writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()

        async def slowly() -> AsyncIterator[bytes]:
            for _ in range(3):
                await asyncio.sleep(0.25)
                yield b"x" * 1000

        server = await asyncio.start_server(take, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        pools = guarded_transport(httpx.Limits(max_connections=2), backend=GuardedBackend(trusted=["127.0.0.1"]))
        transport = Transport(
            policy=UrlPolicy(plain_http=True),
            client=httpx.AsyncClient(transport=pools),
            waits=WaitLimits(headers=0.3, after_upload=5.0),
        )
        try:
            answer = await transport.send("PUT", f"{base}/v2/lab/a/blobs/uploads/1", body=slowly, retries=False)
        finally:
            await transport.aclose()
            server.close()
        return answer.status_code, received[0]

    status, received = asyncio.run(scenario())
    # 0.75 s of body and 0.6 s of verifying, each over the 0.3 s headers wait: the upload's own limit, from its end
    assert status == 201 and received > 3000
