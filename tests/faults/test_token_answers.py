"""The token server's answer as the distribution token spec allows it: the token under `token` or only under
`access_token`, `expires_in` absent (60 s then), and answers that carry no token or are not JSON (refused, naming
the registry). Each copy goes through a real registry that checks the token."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import pytest

from ecr_mirror.errors import AuthError, SecurityError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.auth import Challenge, RegistryAuth
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport
from tests.support.proxy import Action, InterposingProxy

from .helpers import FAST, failed_with, job, one, run, tag_digest


@pytest.mark.parametrize(
    ("fields", "expires_in"),
    [(("token",), 300), (("access_token",), 300), (("access_token",), None), (("token", "access_token"), 0)],
    ids=["token", "access-token-only", "no-expires-in", "zero-expires-in"],
)
def test_a_token_under_either_name_is_used_once_for_the_whole_copy(
    fields: Sequence[str],
    expires_in: int | None,
    token_server_factory: Callable[..., TokenServer],
    registry_factory: Callable[..., LocalRegistry],
    target_registry: LocalRegistry,
) -> None:
    server = token_server_factory(response_fields=fields, expires_in=expires_in)
    source = registry_factory(token=server)
    desc = push_image(source, "lib/tk", oci_image((32 * 1024, 16 * 1024), seed="tk"), tags=["1"])
    server.reset()

    result = one(run([job(f"{source.host}/lib/tk:1", f"{target_registry.host}/m/tk:1")]))

    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/tk", "1") == desc.digest
    assert server.tokens_issued == 1, "the token was not kept for the rest of the copy"


@pytest.mark.parametrize(
    ("body", "needle"),
    [(b'{"expires_in": 300}', "token server answer has no token"), (b'{"token": ""}', "answer has no token"),
     (b"<html>login</html>", "the token server's answer is not JSON"),
     (b'["token"]', "the token server's answer is not a JSON object"), (b'{"token": 42}', "answer has no token"),
     ('{"token": "t\u00f6k"}'.encode(), "a token with characters not allowed in an HTTP header (only visible ASCII)")],
    ids=["no-token", "empty-token", "not-json", "json-list", "number-token", "non-ascii-token"],
)  # fmt: skip
def test_a_token_answer_without_a_token_fails_the_image_naming_the_registry(
    body: bytes,
    needle: str,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    realm = proxy_factory()  # every token answer is `body`
    realm.rules.append(lambda seen: Action(status=200, body=body, headers={"Content-Type": "application/json"}))
    source = proxy_factory()  # a registry that asks for a token on every request
    challenge = f'Bearer realm="{realm.url}/token",service="reg",scope="repository:lib/tn:pull"'
    source.rules.append(lambda seen: Action(status=401, headers={"WWW-Authenticate": challenge}))

    result = one(run([job(f"{source.host}/lib/tn:1", f"{target_registry.host}/m/tn:1")]))

    failed_with(result, needle, source.host)
    assert realm.requests("GET"), "the realm was never asked"


@pytest.mark.parametrize("body", [b"<html>", b'{"token": ""}', '{"token": "t\u00f6k"}'.encode()])
def test_an_unusable_token_answer_is_an_auth_error_with_the_status_the_token_server_gave(
    body: bytes, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """The token server said 200: the error keeps it (not a status of the registry's, nor none)."""
    realm = proxy_factory()
    realm.rules.append(lambda seen: Action(status=200, body=body, headers={"Content-Type": "application/json"}))

    async def fetch() -> None:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        transport.trust(realm.host)  # the registry it serves, named by the user
        auth = RegistryAuth(realm.host, None, transport)
        auth.challenge = Challenge("bearer", {"realm": f"{realm.url}/token"})
        try:
            await auth.fetch_token("repository:lib/tn:pull")
        finally:
            await transport.aclose()

    with pytest.raises(AuthError) as info:
        asyncio.run(fetch())
    assert info.value.status == 200
    assert realm.host in str(info.value)
    assert [s.headers.get("accept") for s in realm.requests("GET")] == ["application/json"]


def _fetch(challenge: Challenge, registry: str = "registry.test") -> None:
    async def fetch() -> None:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        auth = RegistryAuth(registry, None, transport)
        auth.challenge = challenge
        try:
            await auth.fetch_token("repository:lib/tn:pull")
        finally:
            await transport.aclose()

    asyncio.run(fetch())


def test_a_bearer_challenge_without_a_realm_is_refused_naming_the_registry() -> None:
    with pytest.raises(AuthError) as info:
        _fetch(Challenge("bearer", {"service": "reg"}))
    assert str(info.value) == "registry.test: Bearer challenge has no realm"
    assert info.value.status == 401


def test_a_realm_that_is_no_url_is_refused_quoting_it_short() -> None:
    realm = "http://[::1" + "a" * 300  # an IPv6 literal never closed
    with pytest.raises(SecurityError) as info:
        _fetch(Challenge("bearer", {"realm": realm}))
    assert str(info.value) == f"registry.test: token realm refused: {realm[:200]!r} is not a valid URL"


@pytest.mark.parametrize(
    ("status", "login", "words"),
    [
        (401, False, "token server refused 'repository:lib/tn:pull' (anonymous access was rejected, HTTP 401)"),
        (
            403,
            True,
            "token server refused 'repository:lib/tn:pull' (the configured credentials were rejected, HTTP 403)",
        ),
        (404, True, "token server answered HTTP 404"),
    ],
)
def test_a_token_server_refusal_says_whose_access_was_rejected(
    status: int, login: bool, words: str, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    realm = proxy_factory()
    realm.rules.append(lambda seen: Action(status=status, body=b"no"))

    async def fetch() -> None:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        transport.trust(realm.host)
        auth = RegistryAuth(realm.host, Credentials("lab", "pw") if login else None, transport)
        auth.challenge = Challenge("bearer", {"realm": f"{realm.url}/token"})
        try:
            await auth.fetch_token("repository:lib/tn:pull")
        finally:
            await transport.aclose()

    with pytest.raises(AuthError) as info:
        asyncio.run(fetch())
    assert str(info.value) == f"{realm.host}: {words}"
    assert info.value.status == status
