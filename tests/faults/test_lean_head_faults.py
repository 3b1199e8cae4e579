"""The lean HEAD path (oci/lean_head.py) against a real token-auth registry behind the scripted proxy: a 401 on a
HEAD sent the lean way goes through the token flow like any 401, and a hostile answer to a lean HEAD is refused
clearly without harming the run's other checks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from ecr_mirror.errors import RegistryError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.lean_head import Head
from ecr_mirror.oci.origin_pools import ConnectionStack
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport
from tests.support.proxy import Action, InterposingProxy

from .helpers import FAST, first, is_manifest


def _lean_statuses(monkeypatch: pytest.MonkeyPatch) -> list[int | str]:
    """The statuses of the answers read by the lean path, or the errors it raised, in order."""
    statuses: list[int | str] = []
    original = ConnectionStack.lean_head

    async def spy(self: ConnectionStack, *args: object) -> Head | None:
        try:
            head = await original(self, *args)  # type: ignore[arg-type]
        except Exception as exc:
            statuses.append(type(exc).__name__)
            raise
        if head is not None:
            statuses.append(head.status)
        return head

    monkeypatch.setattr(ConnectionStack, "lean_head", spy)
    return statuses


def _heads(host: str, credentials: Credentials | None, count: int) -> list[str | BaseException | None]:
    async def scenario() -> list[str | BaseException | None]:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        client = RegistryClient(host, transport, RegistryAuth(host, credentials, transport))
        found: list[str | BaseException | None] = []
        try:
            for _ in range(count):  # one after another: each after the first on the kept connection
                try:
                    head = await client.head_manifest("lib/lean", "1")
                    found.append(head.digest if head else "absent")
                except RegistryError as exc:
                    found.append(exc)
        finally:
            await transport.aclose()
        return found

    return asyncio.run(scenario())


def test_a_401_to_a_lean_head_goes_through_the_token_flow(
    token_server: TokenServer,
    token_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    digest = push_image(token_registry, "lib/lean", oci_image(seed="lean"), tags=["1"]).digest
    proxy = proxy_factory(token_registry.host)
    challenge = (
        f'Bearer realm="{token_server.realm}",service="{token_server.service}",'
        'scope="repository:lib/lean:pull",error="invalid_token"'
    )
    heads = [0]

    def third_head(seen: object) -> bool:  # the first is refused by the registry itself (no token yet)
        if not is_manifest(seen, "HEAD"):  # type: ignore[arg-type]
            return False
        heads[0] += 1
        return heads[0] == 3

    proxy.rules.append(first(1, third_head, Action(status=401, headers={"WWW-Authenticate": challenge})))
    statuses = _lean_statuses(monkeypatch)
    token_server.reset()
    found = _heads(proxy.host, Credentials(*token_server.credentials or ("", "")), 3)
    assert found == [digest] * 3
    assert token_server.tokens_issued == 2  # the first token, then one replacement after the lean HEAD's 401
    assert 401 in statuses and statuses[-1] == 200  # the 401 and the HEAD after it went the lean way


@pytest.mark.parametrize(
    ("headers", "needle"),
    # Over the 100 KiB cap even for the general path, which reads 1 MiB at a time (h11 checks only a head it has not
    # found the end of): the attempts after the lean one, on new connections, are refused as well.
    [
        ({"X-Big": "a" * (2 * 1024 * 1024)}, "RemoteProtocolError"),
        ({"Content-Length": "12, 13"}, "RemoteProtocolError"),
    ],
)
def test_a_hostile_answer_to_a_lean_head_is_refused_clearly(
    registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    monkeypatch: pytest.MonkeyPatch,
    headers: dict[str, str],
    needle: str,
) -> None:
    digest = push_image(registry, "lib/lean", oci_image(seed="hostile"), tags=["1"]).digest
    proxy = proxy_factory(registry.host)
    heads = [0]

    def second_head(seen: object) -> bool:
        if not is_manifest(seen, "HEAD"):  # type: ignore[arg-type]
            return False
        heads[0] += 1
        return heads[0] >= 2 and heads[0] < 2 + FAST.attempts  # every attempt of the second check

    proxy.rules.append(first(FAST.attempts, second_head, Action(status=200, headers=headers)))
    statuses = _lean_statuses(monkeypatch)
    found = _heads(proxy.host, None, 4)
    assert found[0] == digest and found[2:] == [digest, digest]
    assert isinstance(found[1], RegistryError) and needle in str(found[1]), found[1]
    # The 2nd check's first attempt went the lean way and was refused; its other attempts and the 3rd check opened
    # new connections (the general path); the 4th check went the lean way again.
    assert statuses == ["RemoteProtocolError", 200]
