"""The referrers API's first page, read by a client of its own: what counts as the API, what is asked for, and the
pages kept for a second reader (the gate, then the copy) up to their byte limit, the oldest dropped first."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
import pytest

from ecr_mirror.errors import MirrorError, RegistryError
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.mirror.referrers_api import KEPT_BYTES, ReferrersApi
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.support.proxy import Action, InterposingProxy, Seen

T = TypeVar("T")
REPO = "app/img"
SUBJECT_A = "sha256:" + "a" * 64
SUBJECT_B = "sha256:" + "b" * 64
SUBJECT_C = "sha256:" + "c" * 64
FAST = RetryPolicy(attempts=1, base_delay=0.01, max_delay=0.05)


class Pages:
    """Answers the referrers route with a body per subject, of the given content type; anything else is a 404."""

    def __init__(self, content_type: str | None = mediatypes.OCI_INDEX, status: int = 200) -> None:
        self.bodies: dict[str, bytes] = {}
        self.content_type = content_type
        self.status = status
        self.link: str | None = None

    def __call__(self, seen: Seen) -> Action:
        prefix = f"/v2/{REPO}/referrers/"
        if seen.method != "GET" or not seen.path.startswith(prefix):
            return Action(status=404, body=b'{"errors":[{"code":"NOT_FOUND"}]}')
        headers = {"Content-Type": self.content_type} if self.content_type else {}
        if self.link:
            headers["Link"] = self.link
        body = self.bodies.get(seen.path.removeprefix(prefix), b'{"schemaVersion":2,"manifests":[]}')
        if self.status != 200:
            body = b'{"errors":[{"code":"UNKNOWN","message":"the index is on fire"}]}'
            headers = {"Content-Type": "application/json"}
        return Action(status=self.status, body=body, headers=headers)


def _with_client(server: InterposingProxy, work: Callable[[RegistryClient], Awaitable[T]]) -> T:
    async def go() -> T:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        client = RegistryClient(server.host, transport, RegistryAuth(server.host, None, transport))
        try:
            return await work(client)
        finally:
            await transport.aclose()

    return asyncio.run(go())


def _gets(server: InterposingProxy, subject: str) -> int:
    return len(server.requests("GET", f"/referrers/{subject}"))


def test_a_kept_page_is_given_once_to_the_next_reader_then_asked_for_again() -> None:
    with InterposingProxy(None) as server:
        pages = Pages()
        pages.bodies[SUBJECT_A] = b'{"schemaVersion":2,"manifests":[],"n":1}'
        server.rules.append(pages)

        async def work(client: RegistryClient) -> list[bytes | None]:
            api = ReferrersApi()
            read = []
            for keep in (True, False, False):
                page = await api.first_page(client, REPO, SUBJECT_A, keep=keep)
                read.append(page[0] if page else None)
            return read

        assert _with_client(server, work) == [pages.bodies[SUBJECT_A]] * 3
        assert _gets(server, SUBJECT_A) == 2  # the second reader took the kept page; the third asked again
        (first, *_) = server.requests("GET", "/referrers/")
        assert first.headers["accept"] == mediatypes.OCI_INDEX


def test_a_page_read_without_keep_is_not_kept() -> None:
    with InterposingProxy(None) as server:
        server.rules.append(Pages())

        async def work(client: RegistryClient) -> None:
            api = ReferrersApi()
            await api.first_page(client, REPO, SUBJECT_A)
            await api.first_page(client, REPO, SUBJECT_A)

        _with_client(server, work)
        assert _gets(server, SUBJECT_A) == 2


@pytest.mark.parametrize(("size", "kept"), [(KEPT_BYTES, True), (KEPT_BYTES + 1, False)])
def test_a_page_is_kept_up_to_exactly_the_limit(size: int, kept: bool) -> None:
    with InterposingProxy(None) as server:
        pages = Pages()
        pages.bodies[SUBJECT_A] = b" " * size
        server.rules.append(pages)

        async def work(client: RegistryClient) -> list[int]:
            api = ReferrersApi()
            first = await api.first_page(client, REPO, SUBJECT_A, keep=True)
            again = await api.first_page(client, REPO, SUBJECT_A)
            return [len(first[0]) if first else -1, len(again[0]) if again else -1]

        assert _with_client(server, work) == [size, size]
        assert _gets(server, SUBJECT_A) == (1 if kept else 2)


def test_kept_pages_beyond_the_limit_drop_the_oldest_first() -> None:
    half = KEPT_BYTES // 2
    with InterposingProxy(None) as server:
        pages = Pages()
        pages.bodies = {SUBJECT_A: b"a" * half, SUBJECT_B: b"b" * half, SUBJECT_C: b"c" * 10}
        server.rules.append(pages)

        async def work(client: RegistryClient) -> None:
            api = ReferrersApi()
            await api.first_page(client, REPO, SUBJECT_A, keep=True)
            await api.first_page(client, REPO, SUBJECT_B, keep=True)  # exactly the limit together: both kept
            assert (await api.first_page(client, REPO, SUBJECT_A, keep=True)) is not None  # taken: B alone is kept
            await api.first_page(client, REPO, SUBJECT_A, keep=True)  # kept again, now the newest
            await api.first_page(client, REPO, SUBJECT_C, keep=True)  # one page too many: B, the oldest, goes
            for subject in (SUBJECT_A, SUBJECT_B, SUBJECT_C):
                await api.first_page(client, REPO, subject)

        _with_client(server, work)
        assert [_gets(server, s) for s in (SUBJECT_A, SUBJECT_B, SUBJECT_C)] == [2, 2, 1]


@pytest.mark.parametrize(
    ("content_type", "api"),
    [
        (mediatypes.OCI_INDEX, True),
        (f"{mediatypes.OCI_INDEX}; charset=utf-8", True),
        (f"{mediatypes.OCI_INDEX} ;charset=utf-8", True),
        (None, False),
        ("application/json", False),
    ],
    ids=["index", "index-with-parameter", "index-spaced-parameter", "no-content-type", "json"],
)
def test_only_an_oci_index_answer_is_the_api_whatever_its_parameters(content_type: str | None, api: bool) -> None:
    with InterposingProxy(None) as server:
        pages = Pages(content_type)
        server.rules.append(pages)

        async def work(client: RegistryClient) -> tuple[bool, bool]:
            referrers = ReferrersApi()
            page = await referrers.first_page(client, REPO, SUBJECT_A)
            return page is not None, await referrers.has_api(client, REPO, SUBJECT_B)

        assert _with_client(server, work) == (api, api)
        assert _gets(server, SUBJECT_A) == 1
        assert _gets(server, SUBJECT_B) == 0  # learned from the first answer


def test_has_api_asks_once_per_client_and_a_client_without_the_api_is_not_asked_again() -> None:
    with InterposingProxy(None) as server:
        server.rules.append(lambda s: Action(status=404))

        async def work(client: RegistryClient) -> list[object]:
            referrers = ReferrersApi()
            return [
                await referrers.has_api(client, REPO, SUBJECT_A),
                await referrers.has_api(client, REPO, SUBJECT_B),
                await referrers.first_page(client, REPO, SUBJECT_C),
            ]

        assert _with_client(server, work) == [False, False, None]
        assert [s.path for s in server.requests("GET")] == [f"/v2/{REPO}/referrers/{SUBJECT_A}"]


def test_the_next_page_link_is_given_with_the_page() -> None:
    with InterposingProxy(None) as server:
        pages = Pages()
        pages.link = f'</v2/{REPO}/referrers/{SUBJECT_A}?page=2>; rel="next"'
        server.rules.append(pages)

        async def work(client: RegistryClient) -> httpx.URL | None:
            page = await ReferrersApi().first_page(client, REPO, SUBJECT_A)
            assert page is not None
            return page[1]

        assert str(_with_client(server, work)) == f"http://{server.host}/v2/{REPO}/referrers/{SUBJECT_A}?page=2"


def test_an_error_answer_is_a_registry_error_naming_the_request() -> None:
    with InterposingProxy(None) as server:
        server.rules.append(Pages(status=500))

        async def work(client: RegistryClient) -> object:
            return await ReferrersApi().first_page(client, REPO, SUBJECT_A)

        with pytest.raises(RegistryError) as caught:
            _with_client(server, work)
        assert caught.value.status == 500
        assert str(caught.value).startswith(f"GET {server.host}/{REPO} referrers of {SUBJECT_A}: ")
        assert "the index is on fire" in str(caught.value)


def test_an_error_after_the_api_is_known_names_the_repository_and_subject() -> None:
    with InterposingProxy(None) as server:
        pages = Pages()
        server.rules.append(pages)

        async def work(client: RegistryClient) -> object:
            api = ReferrersApi()
            assert await api.first_page(client, REPO, SUBJECT_A) is not None  # the API is known from here on
            pages.status = 500
            return await api.first_page(client, REPO, SUBJECT_B)

        with pytest.raises(RegistryError) as caught:
            _with_client(server, work)
        assert str(caught.value).startswith(f"GET {server.host}/{REPO} referrers of {SUBJECT_B}: ")


def test_the_probes_of_two_registries_do_not_wait_for_each_other() -> None:
    answered = threading.Event()
    with InterposingProxy(None) as slow, InterposingProxy(None) as fast:
        index = Pages()
        slow.rules.append(lambda s: Action(status=200, delay=10, until=answered, headers={"Content-Type": "x/y"}))
        fast.rules.append(index)
        finished: list[str] = []

        async def go() -> None:
            transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST, timeout=30)
            clients = [RegistryClient(s.host, transport, RegistryAuth(s.host, None, transport)) for s in (slow, fast)]
            api = ReferrersApi()

            async def probe(client: RegistryClient, name: str) -> None:
                await api.first_page(client, REPO, SUBJECT_A)
                finished.append(name)
                if name == "fast":
                    answered.set()  # only now does the slow registry answer

            try:
                slow_probe = asyncio.create_task(probe(clients[0], "slow"))
                await asyncio.sleep(0.2)  # the slow registry's probe has begun
                await asyncio.gather(slow_probe, probe(clients[1], "fast"))
            finally:
                await transport.aclose()

        asyncio.run(go())
        assert finished == ["fast", "slow"]


def test_concurrent_first_calls_for_one_client_wait_for_one_probe_then_read_their_own_subject() -> None:
    with InterposingProxy(None) as server:
        pages = Pages()
        pages.bodies = {SUBJECT_A: b'{"for":"a"}', SUBJECT_B: b'{"for":"b"}', SUBJECT_C: b'{"for":"c"}'}
        server.rules.append(pages)

        async def work(client: RegistryClient) -> list[bytes | None]:
            api = ReferrersApi()
            found = await asyncio.gather(*(api.first_page(client, REPO, s) for s in (SUBJECT_A, SUBJECT_B, SUBJECT_C)))
            return [page[0] if page else None for page in found]

        assert _with_client(server, work) == [b'{"for":"a"}', b'{"for":"b"}', b'{"for":"c"}']
        assert sorted(s.path for s in server.requests("GET")) == [
            f"/v2/{REPO}/referrers/{s}" for s in (SUBJECT_A, SUBJECT_B, SUBJECT_C)
        ]


def test_the_api_is_asked_with_a_pull_token_for_the_repository(
    token_server: TokenServer, token_registry: LocalRegistry
) -> None:
    """A registry that guards the route asks for a token; the scope asked for is pull on the repository."""
    challenge = f'Bearer realm="{token_server.realm}",service="{token_server.service}"'
    token_server.reset()
    with InterposingProxy(token_registry.host) as server:
        server.rules.append(
            lambda s: (
                Action(status=401, headers={"WWW-Authenticate": challenge})
                if "/referrers/" in s.path and "authorization" not in s.headers
                else None
            )
        )

        async def go() -> bool:
            transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
            credentials = Credentials(*token_server.credentials or ("", ""))
            client = RegistryClient(server.host, transport, RegistryAuth(server.host, credentials, transport))
            try:
                return await ReferrersApi().has_api(client, REPO, SUBJECT_A)
            finally:
                await transport.aclose()

        assert asyncio.run(go()) is False  # distribution 2.8 has no referrers API
        assert [r.scopes for r in token_server.requests] == [(f"repository:{REPO}:pull",)]
        assert [s.status for s in server.requests("GET", "/referrers/")] == [401, 404]


def test_a_failure_to_reach_the_registry_names_the_request() -> None:
    with InterposingProxy(None) as server:
        host = server.host
    # the proxy is gone: nothing listens there any more

    async def work() -> object:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        client = RegistryClient(host, transport, RegistryAuth(host, None, transport))
        try:
            return await ReferrersApi().first_page(client, REPO, SUBJECT_A)
        finally:
            await transport.aclose()

    with pytest.raises(RegistryError) as caught:
        asyncio.run(work())
    assert str(caught.value).startswith(f"GET {host}/{REPO} referrers of {SUBJECT_A} failed: "), caught.value


def test_a_page_over_the_manifest_cap_is_refused_naming_the_request() -> None:
    with InterposingProxy(None) as server:
        pages = Pages()
        pages.bodies[SUBJECT_A] = b" " * (mediatypes.MAX_MANIFEST_BYTES + 1)
        server.rules.append(pages)

        async def work(client: RegistryClient) -> object:
            return await ReferrersApi().first_page(client, REPO, SUBJECT_A)

        with pytest.raises(MirrorError) as caught:
            _with_client(server, work)
        assert str(caught.value).startswith(f"GET {server.host}/{REPO} referrers of {SUBJECT_A}"), caught.value


def test_a_next_page_on_another_host_is_refused_naming_the_request() -> None:
    with InterposingProxy(None) as server:
        pages = Pages()
        pages.link = f'<http://elsewhere.invalid/v2/{REPO}/referrers/{SUBJECT_A}?page=2>; rel="next"'
        server.rules.append(pages)

        async def work(client: RegistryClient) -> object:
            return await ReferrersApi().first_page(client, REPO, SUBJECT_A)

        with pytest.raises(MirrorError) as caught:
            _with_client(server, work)
        assert f"next page of GET {server.host}/{REPO} referrers of {SUBJECT_A}" in str(caught.value), caught.value
