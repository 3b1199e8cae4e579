"""What Transport (oci/transport.py) sets up and says: the client's timeouts, the line `--verbose` prints for each
retry, and the URL a plain-HTTP hint names."""

from __future__ import annotations

import asyncio
import logging
import socket

import httpx
import pytest

from ecr_mirror.errors import RegistryError, SecurityError, StallError
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from ecr_mirror.oci.waits import WaitLimits


async def _no_wait(seconds: float) -> None:
    assert seconds == 0.0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, httpx.Timeout(60.0, connect=15.0)),  # the default
        (40.0, httpx.Timeout(40.0, connect=15.0)),  # a connection is given 15 s at most
        (5.0, httpx.Timeout(5.0, connect=5.0)),  # and never more than the timeout
    ],
)
def test_the_client_waits_the_timeout_given_and_connects_within_fifteen_seconds(
    given: float | None, expected: httpx.Timeout
) -> None:
    async def timeouts() -> httpx.Timeout:
        policy = UrlPolicy(plain_http=True)
        transport = Transport(policy=policy) if given is None else Transport(policy=policy, timeout=given)
        try:
            return transport.client.timeout
        finally:
            await transport.aclose()

    assert asyncio.run(timeouts()) == expected


def test_a_retried_status_is_logged_with_its_purpose_status_and_wait(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> int:
        answers = [b"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while answers:
                    await reader.readuntil(b"\r\n\r\n")
                    writer.write(answers.pop(0))
                    await writer.drain()
            finally:
                writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = Transport(
            policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=2, base_delay=0.0, sleep=_no_wait)
        )
        transport.trust("127.0.0.1")
        try:
            answer = await transport.send("GET", f"{base}/v2/lab/a/manifests/1", purpose="GET manifest lab/a:1")
            return answer.status_code
        finally:
            await transport.aclose()
            server.close()

    caplog.set_level(logging.DEBUG, logger="ecr_mirror.oci.transport")
    assert asyncio.run(scenario()) == 200
    assert [m for n, _, m in caplog.record_tuples if n == "ecr_mirror.oci.transport"] == [
        "GET manifest lab/a:1: HTTP 503, retrying in 0.0s"
    ]


def test_a_failed_connection_retried_is_logged_with_the_error_s_kind(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario(url: str) -> None:
        transport = Transport(
            policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=2, base_delay=0.0, sleep=_no_wait)
        )
        transport.trust("127.0.0.1")
        try:
            await transport.send("GET", url, purpose="GET tags of lab/a")
        finally:
            await transport.aclose()

    caplog.set_level(logging.DEBUG, logger="ecr_mirror.oci.transport")
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))  # bound, not listening: the connection is refused
        url = f"http://127.0.0.1:{unused.getsockname()[1]}/v2/lab/a/tags/list"
        with pytest.raises(RegistryError, match=r"^GET tags of lab/a failed: ConnectError: "):
            asyncio.run(scenario(url))
    assert [m for n, _, m in caplog.record_tuples if n == "ecr_mirror.oci.transport"] == [
        "GET tags of lab/a: ConnectError, retrying in 0.0s"
    ]


def test_https_to_a_plain_http_server_names_the_flag_and_the_url() -> None:
    async def scenario() -> RegistryError:
        async def plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.read(1)  # a TLS ClientHello; the answer is plain HTTP
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(plain, "127.0.0.1", 0)
        url = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}/v2/lab/a/manifests/1"
        transport = Transport(policy=UrlPolicy(), retry=RetryPolicy(attempts=3, sleep=_no_wait))
        transport.trust("127.0.0.1")
        try:
            with pytest.raises(RegistryError) as failed:
                await transport.send("GET", url, purpose="GET manifest lab/a:1")
            return failed.value
        finally:
            await transport.aclose()
            server.close()

    error = asyncio.run(scenario())
    host = error.url.split("/")[2]
    assert str(error) == f"GET manifest lab/a:1 failed: {host} seems to speak plain HTTP, not HTTPS: add --plain-http"
    assert error.url == f"https://{host}/v2/lab/a/manifests/1"


async def _redirecting_server(location: bytes, answers: list[bytes]) -> asyncio.Server:
    """Answers the first request with a 307 to `location`, any later one with 200; records each request line."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (int(h.split(b":")[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length:")), 0
                )
                await reader.readexactly(length)
                answers.append(head.split(b"\r\n", 1)[0])
                if len(answers) == 1:
                    writer.write(b"HTTP/1.1 307 Again\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % location)
                else:
                    writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    return await asyncio.start_server(serve, "127.0.0.1", 0)


def test_a_redirect_followed_is_logged_with_its_status_and_target(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> tuple[str, list[bytes]]:
        seen: list[bytes] = []
        server = await _redirecting_server(b"/v2/lab/a/blobs/uploads/there?sig=secret", seen)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = Transport(policy=UrlPolicy(plain_http=True))
        transport.trust("127.0.0.1")
        try:
            answer = await transport.send(
                "PUT", f"{base}/v2/lab/a/blobs/uploads/1", body=lambda: b"x", purpose="upload"
            )
            assert answer.status_code == 201
        finally:
            await transport.aclose()
            server.close()
        return base, seen

    caplog.set_level(logging.DEBUG, logger="ecr_mirror.oci.transport")
    base, seen = asyncio.run(scenario())
    assert seen == [b"PUT /v2/lab/a/blobs/uploads/1 HTTP/1.1", b"PUT /v2/lab/a/blobs/uploads/there?sig=secret HTTP/1.1"]
    assert [m for n, _, m in caplog.record_tuples if n == "ecr_mirror.oci.transport"] == [
        f"upload: redirected (HTTP 307) to {base}/v2/lab/a/blobs/uploads/there?<redacted>"
    ]


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_a_write_redirected_to_another_host_is_refused_and_not_sent_there(method: str) -> None:
    async def scenario() -> tuple[str, list[bytes], list[bytes]]:
        elsewhere: list[bytes] = []
        other = await _redirecting_server(b"/", elsewhere)
        other_base = f"http://127.0.0.1:{other.sockets[0].getsockname()[1]}"
        seen: list[bytes] = []
        server = await _redirecting_server(f"{other_base}/v2/lab/a/blobs/uploads/1".encode(), seen)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = Transport(policy=UrlPolicy(plain_http=True))
        transport.trust("127.0.0.1")
        try:
            with pytest.raises(SecurityError) as refused:
                await transport.send(method, f"{base}/v2/lab/a/blobs/uploads/1", body=lambda: b"x", purpose="upload")
        finally:
            await transport.aclose()
            server.close()
            other.close()
        return str(refused.value), seen, elsewhere

    message, seen, elsewhere = asyncio.run(scenario())
    assert message == (
        "refused upload: the registry redirected the write to another host (127.0.0.1); "
        "a write counts only where the registry stores it"
    )
    assert (len(seen), elsewhere) == (1, [])


def test_a_body_that_stalls_fails_naming_the_request() -> None:
    async def scenario() -> str:
        done = asyncio.Event()

        async def stall(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nfive!")
            await writer.drain()
            await done.wait()  # and nothing more
            writer.close()

        server = await asyncio.start_server(stall, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        waits = WaitLimits(stall_window=0.2, stall_floor=100.0)
        transport = Transport(policy=UrlPolicy(plain_http=True), waits=waits)
        transport.trust("127.0.0.1")
        try:
            answer = await transport.send("GET", f"{base}/v2/lab/a/blobs/x", stream=True, purpose="GET blob lab/a")
            with pytest.raises(StallError) as stalled:
                await answer.aread()
            await answer.aclose()
            return str(stalled.value)
        finally:
            done.set()
            await transport.aclose()
            server.close()

    assert asyncio.run(scenario()).startswith("GET blob lab/a: stalled: 5 bytes in 0.2s")


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_redirect_to_an_unreadable_location_is_refused_at_once_quoting_it(method: str) -> None:
    async def scenario() -> tuple[str, list[bytes]]:
        seen: list[bytes] = []

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while True:
                    seen.append((await reader.readuntil(b"\r\n\r\n")).split(b"\r\n", 1)[0])
                    writer.write(b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n")
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=3, sleep=_no_wait))
        transport.trust("127.0.0.1")
        try:
            with pytest.raises(SecurityError) as refused:
                await transport.send(method, f"{base}/v2/lab/a/blobs/x", purpose="blob lab/a")
        finally:
            await transport.aclose()
            server.close()
        return str(refused.value), seen

    message, seen = asyncio.run(scenario())
    assert message == "refused redirect of blob lab/a: 'http://[::1' is not a valid URL (Invalid port: ':1')"
    assert seen == [f"{method} /v2/lab/a/blobs/x HTTP/1.1".encode()]  # not asked again
