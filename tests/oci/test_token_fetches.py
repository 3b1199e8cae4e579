"""Bearer token fetches against a scripted token realm on loopback: one scope's fetch does not wait for another's, a
renewal that fails leaves no stale token to send again, and a realm at a private address is reached when the
registry we named (itself private) sends us there."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from ecr_mirror.errors import AuthError, SecurityError
from ecr_mirror.oci.auth import Challenge, RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.netguard import GuardedBackend
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport

T = TypeVar("T")
SCOPE_A = "repository:lib/a:pull"
SCOPE_B = "repository:lib/b:pull"


class _Realm:
    """A token realm (`/token`) and a registry (`/v2/...`) on one loopback port. The realm answers a token named
    after the request's number, never answers a scope in `stuck`, and answers `status` instead when it is set; the
    registry asks for a Bearer token at `realm` and takes any."""

    def __init__(self) -> None:
        self.stuck: set[str] = set()
        self.status: int | None = None
        self.asked: list[list[str]] = []
        self.realm = ""
        self.released = asyncio.Event()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            writer.close()
            return
        target = head.split(b" ", 2)[1].decode()
        parts = urlsplit(target)
        status, headers, body = 200, {"Content-Type": "application/json"}, b"{}"
        if parts.path == "/token":
            scopes = parse_qs(parts.query).get("scope", [])
            self.asked.append(scopes)
            if self.stuck & set(scopes):
                await self.released.wait()  # until the test ends
            if self.status is not None:
                status = self.status
            else:
                body = json.dumps({"token": f"t{len(self.asked)}", "expires_in": 300}).encode()
        elif b"\r\nauthorization: bearer " not in head.lower():
            status, headers["WWW-Authenticate"] = 401, f'Bearer realm="{self.realm}",service="lab"'
        lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        writer.write("\r\n".join(lines).encode() + b"\r\n\r\n" + body)
        await writer.drain()
        writer.close()

    async def serve(self, realm_host: str, use: Callable[[int], Awaitable[T]]) -> T:
        server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        self.realm = f"http://{realm_host}:{port}/token"
        async with server:
            try:
                return await use(port)
            finally:
                self.released.set()


def _auth(port: int) -> tuple[RegistryAuth, Transport]:
    transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1))
    transport.trust("127.0.0.1")
    auth = RegistryAuth(f"127.0.0.1:{port}", None, transport)
    auth.challenge = Challenge("bearer", {"realm": f"http://127.0.0.1:{port}/token", "service": "lab"})
    return auth, transport


def _unauthorized(port: int, token: str | None) -> httpx.Response:
    """The registry's 401 to a request that carried `token`, asking for a new one."""
    headers = {"Authorization": token} if token else {}
    request = httpx.Request("GET", f"http://127.0.0.1:{port}/v2/lib/a/manifests/1", headers=headers)
    challenge = f'Bearer realm="http://127.0.0.1:{port}/token",service="lab",error="invalid_token"'
    return httpx.Response(401, headers={"WWW-Authenticate": challenge}, request=request)


@pytest.mark.parametrize("how", ["ensure", "renewal"])
def test_a_token_fetch_that_hangs_for_one_scope_does_not_hold_up_another(how: str) -> None:
    realm = _Realm()
    realm.stuck.add(SCOPE_A)

    async def use(port: int) -> tuple[str | None, str | None]:
        auth, transport = _auth(port)

        def fetch(scope: str) -> Coroutine[Any, Any, None]:
            return auth.ensure(scope) if how == "ensure" else auth.on_unauthorized(_unauthorized(port, None), scope)

        hanging = asyncio.create_task(fetch(SCOPE_A))
        try:
            for _ in range(500):
                if realm.asked or hanging.done():
                    break
                await asyncio.sleep(0.01)
            assert realm.asked and not hanging.done()  # the realm holds scope A's fetch
            await asyncio.wait_for(fetch(SCOPE_B), timeout=5)
            return auth.header(SCOPE_A), auth.header(SCOPE_B)
        finally:
            hanging.cancel()
            await transport.aclose()

    assert asyncio.run(realm.serve("127.0.0.1", use)) == (None, "Bearer t2")
    assert realm.asked == [[SCOPE_A], [SCOPE_B]]


def test_a_renewal_that_fails_leaves_no_stale_token_to_send() -> None:
    realm = _Realm()

    async def use(port: int) -> tuple[str | None, str, str | None]:
        auth, transport = _auth(port)
        try:
            await auth.ensure(SCOPE_A)
            before = auth.header(SCOPE_A)
            assert before is not None
            realm.status = 500
            with pytest.raises(AuthError) as failed:
                await auth.on_unauthorized(_unauthorized(port, before), SCOPE_A)
            return before, str(failed.value), auth.header(SCOPE_A)
        finally:
            await transport.aclose()

    before, message, after = asyncio.run(realm.serve("127.0.0.1", use))
    assert before == "Bearer t1"
    assert message.endswith(": token server answered HTTP 500")
    assert after is None  # the rejected token is not sent again


def _names(port_of: dict[str, str]) -> Callable[[str, int], Awaitable[list[str]]]:
    async def resolve(host: str, port: int) -> list[str]:
        return [port_of.get(host, host)]

    return resolve


@pytest.mark.parametrize("named", [True, False])
def test_a_private_realm_is_reached_only_when_a_private_registry_we_named_sends_us_there(named: bool) -> None:
    """registry.localhost (named) and auth.localhost (not named) both resolve to 127.0.0.1, a private address."""
    realm = _Realm()

    async def use(port: int) -> int | str:
        guard = GuardedBackend(resolver=_names({"registry.localhost": "127.0.0.1", "auth.localhost": "127.0.0.1"}))
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1), guard=guard)
        registry = f"registry.localhost:{port}"
        try:
            if named:
                client = RegistryClient(registry, transport, RegistryAuth(registry, None, transport))
                url = client.url("lib/a/manifests/1")
                answer = await client.request("GET", url, scope=SCOPE_A, purpose="GET manifest")
                return answer.status_code
            auth = RegistryAuth(registry, None, transport)  # never connected to: not known to be private
            auth.challenge = Challenge("bearer", {"realm": realm.realm})
            with pytest.raises(SecurityError) as refused:
                await auth.fetch_token(SCOPE_A)
            return str(refused.value)
        finally:
            await transport.aclose()

    outcome = asyncio.run(realm.serve("auth.localhost", use))
    if named:
        assert outcome == 200
        assert realm.asked == [[SCOPE_A]]
    else:
        assert isinstance(outcome, str) and "refused a connection to 'auth.localhost'" in outcome
        assert realm.asked == []
