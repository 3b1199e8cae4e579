"""What Transport (oci/transport.py) sets up and says: the client's timeouts, the line `--verbose` prints for each
retry, and the URL a plain-HTTP hint names."""

from __future__ import annotations

import asyncio
import logging
import socket

import httpx
import pytest

from ecr_mirror.errors import RegistryError
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport


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
