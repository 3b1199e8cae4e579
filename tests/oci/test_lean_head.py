"""The lean HEAD path (oci/lean_head.py) on kept connections: the answers it reads, the ones it refuses with a
clear error, the ones it leaves to h11, and its fallbacks (a kept connection the server closed is sent again once,
elsewhere; no idle connection means the general path). A scripted loopback server answers each request by a word
in its path; the first request of each test opens the connection (the general path), later ones take the lean
path on it."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from ecr_mirror.errors import RegistryError
from ecr_mirror.oci.lean_head import MAX_HEAD, request_bytes
from ecr_mirror.oci.origin_pools import ConnectionStack, OriginPools, _kept_http11
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import LEAN_ANSWER, RetryPolicy, Transport
from ecr_mirror.oci.waits import WaitLimits

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\nDocker-Content-Digest: sha256:abc\r\n\r\n"
ANSWERS: dict[bytes, bytes] = {
    b"/ok": OK,
    b"/badstatus": b"HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n",
    b"/huge": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * (MAX_HEAD + 10) + b"\r\n\r\n",
    b"/fold": b"HTTP/1.1 200 OK\r\nX-Folded: one\r\n two\r\nContent-Length: 7\r\n\r\n",
    b"/barelf": b"HTTP/1.1 200 OK\nContent-Length: 7\nX-Lf: yes\n\n",
    b"/continue": b"HTTP/1.1 100 Continue\r\n\r\n" + OK,
    b"/switch": b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
    b"/close": b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 7\r\n\r\n",
    b"/old": b"HTTP/1.0 200 OK\r\nContent-Length: 7\r\n\r\n",
    b"/twolengths": b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\nContent-Length: 8\r\n\r\n",
    b"/moved": b"HTTP/1.1 307 Temporary Redirect\r\nLocation: /ok\r\nContent-Length: 0\r\n\r\n",
    b"/busy": b"HTTP/1.1 503 Busy\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n",
}


class _Scripted:
    """Answers each request head by its path (ANSWERS); `/drop` ends the connection unanswered once (then
    answers as `/ok`), `/silent` never answers, `/partial` ends it after part of a head. Counts connections and the
    requests seen."""

    def __init__(self) -> None:
        self.connections = 0
        self.paths: list[bytes] = []
        self.dropped = False
        self.busy = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                self.paths.append(path)
                if path == b"/drop" and not self.dropped:
                    self.dropped = True
                    break
                if path == b"/silent":
                    await asyncio.sleep(3600)
                if path == b"/partial":
                    writer.write(OK[:20])
                    await writer.drain()
                    break
                if path == b"/busy" and self.busy < 2:
                    self.busy += 1
                    writer.write(ANSWERS[b"/busy"])
                else:
                    writer.write(OK if path in (b"/busy", b"/drop") else ANSWERS.get(path, OK))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()


def _transport(**kwargs: object) -> Transport:
    transport = Transport(policy=UrlPolicy(plain_http=True), **kwargs)  # type: ignore[arg-type]
    transport.trust("127.0.0.1")
    return transport


def _after_a_first_head(path: str, **kwargs: object) -> tuple[httpx.Response | BaseException, _Scripted]:
    """HEAD /ok (opens the connection), then HEAD `path` on it: its answer (or error) and the server."""

    async def scenario() -> tuple[httpx.Response | BaseException, _Scripted]:
        server = _Scripted()
        async with server as base:
            transport = _transport(**kwargs)
            try:
                first = await transport.send("HEAD", f"{base}/ok")
                assert LEAN_ANSWER not in first.extensions  # a new connection: the general path
                try:
                    return await transport.send("HEAD", f"{base}{path}"), server
                except RegistryError as exc:
                    return exc, server
            finally:
                await transport.aclose()

    return asyncio.run(scenario())


def _answer(path: str, **kwargs: object) -> httpx.Response:
    answer, _ = _after_a_first_head(path, **kwargs)
    assert isinstance(answer, httpx.Response), answer
    return answer


def test_a_head_on_a_kept_connection_takes_the_lean_path_and_reads_the_answer() -> None:
    answer, server = _after_a_first_head("/ok")
    assert isinstance(answer, httpx.Response)
    assert answer.extensions[LEAN_ANSWER]
    assert (answer.status_code, answer.headers["docker-content-digest"]) == (200, "sha256:abc")
    assert answer.headers["content-length"] == "7"  # what a GET would send; no body was read
    assert server.connections == 1


def test_the_lean_request_carries_the_same_headers_as_the_general_one() -> None:
    async def scenario() -> list[bytes]:
        seen: list[bytes] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            for _ in range(2):
                seen.append(await reader.readuntil(b"\r\n\r\n"))
                writer.write(OK)
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = _transport()
        try:
            for _ in range(2):
                await transport.send("HEAD", f"{base}/v2/a/manifests/1?x=1", headers={"Accept": "a/b", "X-T": "v"})
        finally:
            await transport.aclose()
            server.close()
        return seen

    general, lean = asyncio.run(scenario())
    assert lean.startswith(b"HEAD /v2/a/manifests/1?x=1 HTTP/1.1\r\n")

    def headers(head: bytes) -> list[tuple[bytes, bytes]]:
        lines = head.split(b"\r\n")[1:-2]
        return sorted((k.lower(), v) for k, v in (line.split(b": ", 1) for line in lines))

    assert headers(lean) == headers(general)


def test_a_malformed_status_line_is_refused_clearly() -> None:
    answer, _ = _after_a_first_head("/badstatus", retry=RetryPolicy(attempts=1))
    assert isinstance(answer, RegistryError)
    assert "RemoteProtocolError" in str(answer) and "status line" in str(answer)


def test_a_head_broken_off_is_refused_saying_so() -> None:
    answer, server = _after_a_first_head("/partial", retry=RetryPolicy(attempts=1))
    assert isinstance(answer, RegistryError)
    assert (
        str(answer)
        == "request failed: RemoteProtocolError: Server disconnected without sending a complete response head"
    )
    assert server.paths == [b"/ok", b"/partial"]


def test_an_oversized_head_is_refused_clearly() -> None:
    answer, _ = _after_a_first_head("/huge", retry=RetryPolicy(attempts=1))
    assert isinstance(answer, RegistryError)
    assert "RemoteProtocolError" in str(answer) and f"over {MAX_HEAD} bytes" in str(answer)


def test_conflicting_content_lengths_are_refused_as_h11_refuses_them() -> None:
    answer, _ = _after_a_first_head("/twolengths", retry=RetryPolicy(attempts=1))
    assert isinstance(answer, RegistryError)
    assert "RemoteProtocolError" in str(answer)


def test_an_unusual_but_valid_head_is_read_by_h11() -> None:
    folded = _answer("/fold")
    assert (folded.status_code, folded.headers["x-folded"]) == (200, "one two")
    bare = _answer("/barelf")
    assert (bare.status_code, bare.headers["x-lf"]) == (200, "yes")


def test_an_informational_answer_is_skipped_and_a_protocol_switch_refused() -> None:
    assert _answer("/continue").status_code == 200
    refused, _ = _after_a_first_head("/switch", retry=RetryPolicy(attempts=1))
    assert isinstance(refused, RegistryError) and "101" in str(refused)


@pytest.mark.parametrize("path", ["/close", "/old"])
def test_a_connection_the_answer_ends_is_not_kept(path: str) -> None:
    async def scenario() -> int:
        server = _Scripted()
        async with server as base:
            transport = _transport()
            try:
                for each in ("/ok", path, "/ok"):
                    assert (await transport.send("HEAD", f"{base}{each}")).status_code == 200
            finally:
                await transport.aclose()
        return server.connections

    assert asyncio.run(scenario()) == 2


def test_a_kept_connection_closed_by_the_server_is_sent_again_once_without_a_retry_wait() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    answer, server = _after_a_first_head("/drop", retry=RetryPolicy(attempts=1, sleep=sleep))
    assert isinstance(answer, httpx.Response) and answer.status_code == 200
    assert server.paths == [b"/ok", b"/drop", b"/drop"] and server.connections == 2
    assert waits == []


def test_a_redirect_and_a_retryable_status_are_decided_as_for_any_answer() -> None:
    moved = _answer("/moved")
    assert (moved.status_code, moved.url.path) == (200, "/ok")
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    answer, server = _after_a_first_head("/busy", retry=RetryPolicy(attempts=3, sleep=sleep))
    assert isinstance(answer, httpx.Response) and answer.status_code == 200
    assert waits == [0.0, 0.0] and server.paths.count(b"/busy") == 3


def test_no_answer_head_within_the_limit_fails_as_a_timeout() -> None:
    limits = WaitLimits(headers=0.3)
    answer, _ = _after_a_first_head("/silent", retry=RetryPolicy(attempts=1), waits=limits)
    assert isinstance(answer, RegistryError)
    assert "ReadTimeout" in str(answer) and "no response headers within 0.3s" in str(answer)


def test_a_header_value_unfit_for_the_wire_is_not_written_by_the_lean_path() -> None:
    assert request_bytes(b"/x", [("Host", "h"), ("Accept", "a\r\nX-Injected: 1")]) is None
    assert request_bytes(b"/x", [("Host", "h"), ("Accept", "caf\u00e9")]) is None
    assert request_bytes(b"/x", [("Host", "h"), ("Bad Name", "v")]) is None
    assert request_bytes(b"/x", [("Host", "h"), ("X:Y", "v")]) is None
    assert request_bytes(b"/x", [("Host", "h"), ("Accept", " padded ")]) is None
    assert request_bytes(b"/x", [("Host", "h")]) == b"HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n"


def test_a_kept_connection_is_found_fit_for_the_lean_path() -> None:
    """Pins the httpcore 1.0 private attributes the lean path reads and sets (origin_pools._kept_http11)."""

    async def scenario() -> list[bool]:
        async with _Scripted() as base:
            transport = _transport()
            try:
                await transport.send("HEAD", f"{base}/ok")
                pools = transport.client._transport
                assert isinstance(pools, OriginPools)
                stack = pools.pool_for(httpx.URL(base))._pool
                assert isinstance(stack, ConnectionStack)
                (connection,) = stack.idle
                inner = _kept_http11(connection)
                fit = [inner is not None, isinstance(getattr(inner, "_expire_at", None), float)]
                second = await transport.send("HEAD", f"{base}/ok")
                return [*fit, LEAN_ANSWER in second.extensions, stack.idle == [connection]]
            finally:
                await transport.aclose()

    assert asyncio.run(scenario()) == [True, True, True, True]


def test_a_client_passed_in_keeps_its_own_path() -> None:
    client = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(200)))
    assert Transport(policy=UrlPolicy(plain_http=True), client=client)._pools is None
