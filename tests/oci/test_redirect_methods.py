"""The method and body of a request followed through a redirect (oci/transport.py), as browsers and httpx do: a 303
is fetched with GET and no body, a 301 or 302 after a POST too, a 307 after a POST is the same POST again."""

from __future__ import annotations

import asyncio

import pytest

from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport


@pytest.mark.parametrize(
    ("status", "then"),
    [(303, (b"GET", b"")), (302, (b"GET", b"")), (301, (b"GET", b"")), (307, (b"POST", b"start"))],
)
def test_the_request_after_a_redirect_of_a_post(status: int, then: tuple[bytes, bytes]) -> None:
    async def scenario() -> list[tuple[bytes, bytes]]:
        seen: list[tuple[bytes, bytes]] = []

        async def redirect_once(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    length = next(
                        (
                            int(line.split(b":")[1])
                            for line in head.split(b"\r\n")
                            if line.lower().startswith(b"content-length:")
                        ),
                        0,
                    )
                    seen.append((head.split(b" ", 1)[0], await reader.readexactly(length)))
                    if len(seen) == 1:
                        writer.write(
                            b"HTTP/1.1 %d Moved\r\nLocation: /v2/lab/a/there\r\nContent-Length: 0\r\n\r\n" % status
                        )
                    else:
                        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                    await writer.drain()
            except asyncio.IncompleteReadError:
                writer.close()

        server = await asyncio.start_server(redirect_once, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        transport = Transport(policy=UrlPolicy(plain_http=True))
        transport.trust("127.0.0.1")
        try:
            answer = await transport.send("POST", f"{base}/v2/lab/a/blobs/uploads/", body=lambda: b"start")
            assert answer.content == b"ok"
        finally:
            await transport.aclose()
            server.close()
        return seen

    assert asyncio.run(scenario()) == [(b"POST", b"start"), then]
