"""A paginated tag list (`Link: <...>; rel="next"`) is followed page by page, relative or absolute, as long as the
next page stays on the registry: a link to another host or to a forbidden address ends the listing with an error
naming the listing, and nothing is sent there."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from ecr_mirror.errors import RegistryError, SecurityError
from ecr_mirror.mirror.tag_listing import list_tags
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import FAST

TAGS = ["a", "b", "c", "d", "e"]


def _pages(link: Callable[[str], str]) -> Callable[[Seen], Action | None]:
    """Two tags a page after the `last` asked for; `link(last)` is the next page's Link target."""

    def rule(seen: Seen) -> Action | None:
        parts = urlsplit(seen.path)
        if seen.method != "GET" or parts.path != "/v2/lib/p/tags/list":
            return None
        last = parse_qs(parts.query).get("last", [""])[0]
        rest = [t for t in TAGS if t > last]
        page = rest[:2]
        headers = {"Content-Type": "application/json"}
        if rest[2:]:
            headers["Link"] = f'<{link(page[-1])}>; rel="next"'
        return Action(status=200, body=json.dumps({"name": "lib/p", "tags": page}).encode(), headers=headers)

    return rule


def _list(server: InterposingProxy) -> list[str]:
    async def listing() -> list[str]:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        client = RegistryClient(server.host, transport, RegistryAuth(server.host, None, transport))
        try:
            return await list_tags(client, "lib/p")
        finally:
            await transport.aclose()

    return asyncio.run(listing())


def test_relative_and_absolute_next_links_on_the_registry_are_followed(
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    server = proxy_factory(None)
    relative = "/v2/lib/p/tags/list?n=2&last={}"
    server.rules.append(_pages(lambda last: (relative if last == "b" else f"{server.url}{relative}").format(last)))
    assert _list(server) == TAGS
    asked = [parse_qs(urlsplit(s.path).query).get("last") for s in server.requests("GET", "/tags/list")]
    assert asked == [None, ["b"], ["d"]]


def test_a_next_page_on_another_host_is_refused_and_never_asked(
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    server, elsewhere = proxy_factory(None), proxy_factory(None)
    server.rules.append(_pages(lambda last: f"{elsewhere.url}/v2/lib/p/tags/list?last={last}"))
    with pytest.raises(RegistryError) as info:
        _list(server)
    message = str(info.value)
    assert f"list tags of {server.host}/lib/p: the next page points at another host (127.0.0.1); refused" in message
    assert info.value.status == 200  # the registry answered; what it answered is refused
    assert elsewhere.requests() == []
    assert len(server.requests("GET")) == 1


def test_a_next_page_at_a_forbidden_address_is_refused_naming_the_listing(
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    server = proxy_factory(None)
    server.rules.append(_pages(lambda last: "http://169.254.169.254/latest/meta-data/"))
    with pytest.raises(SecurityError, match=rf"refused next page of list tags of {server.host}/lib/p 'http://169"):
        _list(server)
    assert len(server.requests("GET")) == 1
