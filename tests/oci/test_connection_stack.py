"""An origin's connection stack (oci/origin_pools.py) over many requests: it tracks only the connections it may
still use (a long run keeps no connection the server ended), and connections kept without an expiry keep taking
the lean HEAD path. A loopback HTTP/1.1 server answers every request with `ok`; `close_after` ends each connection
once it sent that many answers."""

from __future__ import annotations

import asyncio

import httpcore
import httpx

from ecr_mirror.oci.netguard import GuardedBackend
from ecr_mirror.oci.origin_pools import ConnectionStack, OriginPools, guarded_transport
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.responses import registry_error
from ecr_mirror.oci.transport import LEAN_ANSWER, Transport


class _Server:
    def __init__(self, close_after: int = 0) -> None:
        self.close_after = close_after
        self.connections = 0
        self.requests: list[bytes] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        sent = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.requests.append(head.split(b" ", 1)[0])
                body = b"" if head.startswith(b"HEAD ") else b"ok"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n" + body)
                await writer.drain()
                sent += 1
                if sent == self.close_after:
                    await asyncio.sleep(0.05)  # the client has read the answer; now the server ends the connection
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()


def _stack(pools: OriginPools, base: str) -> ConnectionStack:
    stack = pools.pool_for(httpx.URL(base))._pool
    assert isinstance(stack, ConnectionStack)
    return stack


def _own_transport(keepalive_expiry: float | None) -> Transport:
    """A transport on our own connection stacks with the given keep-alive expiry (the engine's is httpx's 5 s)."""
    pools = guarded_transport(
        httpx.Limits(max_connections=2, keepalive_expiry=keepalive_expiry),
        backend=GuardedBackend(trusted=["127.0.0.1"]),
    )
    return Transport(policy=UrlPolicy(plain_http=True), client=httpx.AsyncClient(transport=pools))


def test_connections_the_server_ended_are_forgotten_once_found_dead() -> None:
    async def scenario() -> tuple[list[bytes], int, int, bool]:
        server = _Server(close_after=1)
        async with server as base:
            transport = Transport(policy=UrlPolicy(plain_http=True), max_connections=4)
            transport.trust("127.0.0.1")
            try:
                bodies = []
                for _ in range(4):
                    bodies.append((await transport.send("GET", f"{base}/a", retries=False)).content)
                    await asyncio.sleep(0.2)  # the server has closed the idle connection by now
                pools = transport.client._transport
                assert isinstance(pools, OriginPools)
                stack = _stack(pools, base)
                return bodies, server.connections, len(stack.connections), stack.connections == set(stack.idle)
            finally:
                await transport.aclose()

    # four connections opened one after another; only the last one (idle, not yet found dead) is still tracked
    assert asyncio.run(scenario()) == ([b"ok"] * 4, 4, 1, True)


def test_connections_kept_without_an_expiry_take_the_lean_path_again_and_again() -> None:
    async def scenario() -> tuple[list[tuple[int, bool]], int, str]:
        server = _Server()
        async with server as base:
            transport = _own_transport(None)
            try:
                answers = []
                for _ in range(4):
                    answer = await transport.send("HEAD", f"{base}/a", retries=False)
                    answers.append((answer.status_code, LEAN_ANSWER in answer.extensions))
                pools = transport.client._transport
                assert isinstance(pools, OriginPools)
                (connection,) = _stack(pools, base).idle
                return answers, server.connections, connection.info()
            finally:
                await transport.aclose()

    # the first HEAD opens the connection (the general path), the others reuse it by the lean path, each counted in
    # httpcore's own account of the connection
    answers, connections, info = asyncio.run(scenario())
    assert (answers, connections) == ([(200, False), (200, True), (200, True), (200, True)], 1)
    assert info.endswith(", Request Count: 4")


def test_a_connection_idle_past_its_keepalive_expiry_is_not_reused() -> None:
    async def scenario() -> tuple[list[bytes], int]:
        server = _Server()
        async with server as base:
            transport = _own_transport(1.0)
            try:
                bodies = [(await transport.send("GET", f"{base}/a", retries=False)).content]
                bodies.append((await transport.send("GET", f"{base}/a", retries=False)).content)  # reused
                await asyncio.sleep(1.3)
                bodies.append((await transport.send("GET", f"{base}/a", retries=False)).content)  # a new one
                return bodies, server.connections
            finally:
                await transport.aclose()

    assert asyncio.run(scenario()) == ([b"ok"] * 3, 2)


def test_a_lean_head_gives_its_connection_a_new_keepalive_expiry() -> None:
    async def scenario() -> tuple[list[tuple[int, bool]], int]:
        server = _Server()
        async with server as base:
            transport = _own_transport(1.0)
            try:
                answers = []
                for pause in (0.0, 0.0, 0.0, 1.3, 0.0):
                    await asyncio.sleep(pause)
                    answer = await transport.send("HEAD", f"{base}/a", retries=False)
                    answers.append((answer.status_code, LEAN_ANSWER in answer.extensions))
                return answers, server.connections
            finally:
                await transport.aclose()

    # the second and third HEADs are lean on the first connection; after the pause that connection has expired: the
    # fourth HEAD opens a new one (the general path), the fifth is lean on it
    assert asyncio.run(scenario()) == ([(200, False), (200, True), (200, True), (200, False), (200, True)], 2)


def test_a_url_of_another_protocol_is_refused_naming_it() -> None:
    async def scenario() -> str:
        pools = guarded_transport(httpx.Limits(max_connections=2), backend=GuardedBackend(trusted=["127.0.0.1"]))
        async with httpx.AsyncClient(transport=pools) as client:
            try:
                await client.get("ftp://127.0.0.1/a")
            except httpx.UnsupportedProtocol as exc:
                return str(exc)
        return "sent"

    assert asyncio.run(scenario()) == "unsupported protocol b'ftp'"


def test_a_connection_holding_bytes_past_its_last_answer_is_left_to_h11() -> None:
    """A server that sent more than the answer (here a second, unasked-for answer in the same write): h11 holds
    those bytes, so the lean path, which reads the socket itself, must not take that connection."""

    async def scenario() -> tuple[int, bool]:
        async def chatty(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            unasked = b"HTTP/1.1 203 Stale\r\nContent-Length: 0\r\n\r\n"
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + unasked)
            await writer.drain()
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            await asyncio.sleep(1)
            writer.close()

        server = await asyncio.start_server(chatty, "127.0.0.1", 0)
        async with server:
            base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
            transport = _own_transport(None)
            try:
                assert (await transport.send("GET", f"{base}/a", retries=False)).content == b"ok"
                answer = await transport.send("HEAD", f"{base}/b", retries=False)
                return answer.status_code, LEAN_ANSWER in answer.extensions
            finally:
                await transport.aclose()
                server.close()

    assert asyncio.run(scenario()) == (203, False)  # the bytes h11 held answered, as on the general path


def test_an_error_answer_without_a_body_is_explained_by_the_servers_own_reason_phrase() -> None:
    async def scenario() -> tuple[str, str, str]:
        async def refuse(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.0 403 Pulls paused by the mirror policy\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(refuse, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = _own_transport(5.0)
        try:
            answer = await transport.send("GET", f"{base}/v2/lab/a/manifests/1", retries=False)
        finally:
            await transport.aclose()
            server.close()
        return answer.http_version, answer.reason_phrase, str(registry_error(answer, "manifest of lab/a:1"))

    version, reason, error = asyncio.run(scenario())
    assert (version, reason) == ("HTTP/1.0", "Pulls paused by the mirror policy")
    assert error == "manifest of lab/a:1: HTTP 403 (Pulls paused by the mirror policy)"


class _GoneMeanwhile:
    """A kept connection that looked available and is not when the request reaches it (httpcore then raises
    ConnectionNotAvailable; with real connections only a close of the whole transport at that moment does this)."""

    def __init__(self) -> None:
        self.closed = False

    def is_available(self) -> bool:
        return True

    def has_expired(self) -> bool:
        return False

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        raise httpcore.ConnectionNotAvailable()

    async def aclose(self) -> None:
        self.closed = True


def test_a_kept_connection_gone_meanwhile_is_dropped_and_the_request_goes_on_a_new_one() -> None:
    async def scenario() -> tuple[int, bytes, bool, int, int]:
        server = _Server()
        async with server as base:
            stack = ConnectionStack(
                httpx.create_ssl_context(), None, GuardedBackend(trusted=["127.0.0.1"]).plain_http()
            )
            gone = _GoneMeanwhile()
            stack.idle.append(gone)  # type: ignore[arg-type]
            stack.connections.add(gone)  # type: ignore[arg-type]
            request = httpcore.Request("GET", f"{base}/a", headers=[(b"Host", base.split("//")[1].encode())])
            response = await stack.handle_async_request(request)
            body = await response.aread()
            await response.aclose()
            kept = len(stack.connections)
            await stack.aclose()
        return response.status, body, gone.closed, kept, server.connections

    assert asyncio.run(scenario()) == (200, b"ok", True, 1, 1)
