"""A repository's tag listing, page by page, in the run's own process: what is asked for (page size, the
repository), every tag returned as text, and the listing's tag cap at its exact boundary, before and after a page
is parsed."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from urllib.parse import parse_qs, urlsplit

import pytest

from ecr_mirror.errors import RegistryError, UnsupportedError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.mirror.tag_listing import _PAGE_SLACK, MAX_LISTED_TAGS, MAX_LISTING_BYTES, PAGE_SIZE, list_tags
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.bodies import MAX_TAG_PAGE
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.support.proxy import Action, InterposingProxy, Seen

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05)
REPO = "lib/many"


def _list(host: str, repository: str = REPO, credentials: Credentials | None = None) -> list[str]:
    async def listing() -> list[str]:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        client = RegistryClient(host, transport, RegistryAuth(host, credentials, transport))
        try:
            return await list_tags(client, repository)
        finally:
            await transport.aclose()

    return asyncio.run(listing())


def _paged(pages: Sequence[list[object]], **extra: object) -> Callable[[Seen], Action | None]:
    """`pages` as REPO's tag list, linked by `last=<page number>`; `extra` members are added to each page."""

    def rule(seen: Seen) -> Action | None:
        parts = urlsplit(seen.path)
        if seen.method != "GET" or parts.path != f"/v2/{REPO}/tags/list":
            return Action(status=404, body=b'{"errors":[{"code":"NAME_UNKNOWN"}]}')
        number = int(parse_qs(parts.query).get("last", ["0"])[0])
        headers = {"Content-Type": "application/json"}
        if number + 1 < len(pages):
            headers["Link"] = f'</v2/{REPO}/tags/list?n={PAGE_SIZE}&last={number + 1}>; rel="next"'
        body = json.dumps({"name": REPO, "tags": pages[number], **extra}, separators=(",", ":")).encode()
        return Action(status=200, body=body, headers=headers)

    return rule


def test_every_tag_of_a_real_repository_is_listed_as_text(registry: LocalRegistry) -> None:
    for tag in ("1.0", "1.1", "latest"):
        push_image(registry, REPO, oci_image(seed="listing"), tags=[tag])

    assert sorted(_list(registry.host)) == ["1.0", "1.1", "latest"]
    assert [r.uri for r in registry.requests() if r.method == "GET" and "/tags/list" in r.uri] == [
        f"/v2/{REPO}/tags/list?n={PAGE_SIZE}"
    ]


def test_a_registry_checking_tokens_lists_the_repository_for_a_pull_token(
    token_server: TokenServer, token_registry: LocalRegistry
) -> None:
    """The listing asks the token server for `repository:<repo>:pull`, which a registry checking tokens requires."""
    push_image(token_registry, REPO, oci_image(seed="listing-token"), tags=["v1"])
    token_server.reset()

    listed = _list(token_registry.host, credentials=Credentials(*token_server.credentials or ("", "")))

    assert listed == ["v1"]


def test_the_pages_are_joined_in_order_and_values_that_are_not_text_are_given_as_text() -> None:
    with InterposingProxy(None) as server:
        server.rules.append(_paged([["b", "a"], [1, "c"]]))
        assert _list(server.host) == ["b", "a", "1", "c"]
        assert [s.path for s in server.requests("GET")] == [
            f"/v2/{REPO}/tags/list?n={PAGE_SIZE}",
            f"/v2/{REPO}/tags/list?n={PAGE_SIZE}&last=1",
        ]


def _tags(first: int, count: int) -> list[object]:
    return [f"t{n}" for n in range(first, first + count)]


def test_a_listing_of_exactly_the_cap_is_read_whole() -> None:
    half = MAX_LISTED_TAGS // 2
    with InterposingProxy(None) as server:
        server.rules.append(_paged([_tags(0, half), _tags(half, MAX_LISTED_TAGS - half)]))
        listed = _list(server.host)
    assert len(listed) == MAX_LISTED_TAGS and listed[-1] == f"t{MAX_LISTED_TAGS - 1}"


@pytest.mark.parametrize(
    "over",
    [1, 40, 1000],
    ids=["one-over-counted-after-parsing", "forty-over-counted-after-parsing", "far-over-counted-before-parsing"],
)
def test_a_listing_over_the_cap_is_refused_naming_the_repository_and_the_cap(over: int) -> None:
    """Past the cap by a few tags the parsed page's length tells; far past it the page is refused unparsed (its
    commas counted); either way the message is the same."""
    half = MAX_LISTED_TAGS // 2
    with InterposingProxy(None) as server:
        server.rules.append(_paged([_tags(0, half), _tags(half, MAX_LISTED_TAGS - half + over)]))
        with pytest.raises(UnsupportedError) as caught:
            _list(server.host)
        assert str(caught.value) == (
            f"list tags of {server.host}/{REPO}: the listing holds more than {MAX_LISTED_TAGS} tags; refused"
        )


@pytest.mark.parametrize("beyond", [0, 1], ids=["at-the-bound", "one-past-it"])
def test_a_page_of_few_tags_and_many_other_values_is_refused_unparsed_past_the_bound(beyond: int) -> None:
    """The values of a page (array elements, object members, the document) are bounded before it is parsed by the
    tags still allowed plus a slack for the rest: a page holding one tag and a long list of something else is read
    at the bound and refused one value past it, although it lists a single tag."""
    bound = MAX_LISTED_TAGS + _PAGE_SLACK
    padding = bound - 5 + beyond  # the document, its three members and the one tag are the other five values
    with InterposingProxy(None) as server:
        server.rules.append(_paged([["v1"]], padding=[0] * padding))
        if beyond:
            with pytest.raises(UnsupportedError, match=f"the listing holds more than {MAX_LISTED_TAGS} tags"):
                _list(server.host)
        else:
            assert _list(server.host) == ["v1"]


def _padded(size: int, tags: list[str]) -> bytes:
    """A tag page of exactly `size` bytes: `tags`, then blanks before the closing brace."""
    body = json.dumps({"name": REPO, "tags": tags}).encode()
    return body[:-1] + b" " * (size - len(body)) + b"}"


def _serve_pages(pages: list[bytes]) -> Callable[[Seen], Action | None]:
    def rule(seen: Seen) -> Action | None:
        number = int(parse_qs(urlsplit(seen.path).query).get("last", ["0"])[0])
        headers = {"Content-Type": "application/json"}
        if number + 1 < len(pages):
            headers["Link"] = f'</v2/{REPO}/tags/list?last={number + 1}>; rel="next"'
        return Action(status=200, body=pages[number], headers=headers)

    return rule


@pytest.mark.parametrize("beyond", [0, 1], ids=["exactly-the-cap", "one-byte-over"])
def test_the_listing_byte_cap_across_pages_at_its_boundary(beyond: int) -> None:
    """Two pages of the largest size a page may have are exactly the listing's cap: read; a third page of one
    more tag (any bytes at all) is refused naming the cap."""
    assert 2 * MAX_TAG_PAGE == MAX_LISTING_BYTES
    pages = [_padded(MAX_TAG_PAGE, ["a"]), _padded(MAX_TAG_PAGE, ["b"])]
    if beyond:
        pages.append(json.dumps({"name": REPO, "tags": ["c"]}).encode())
    with InterposingProxy(None) as server:
        server.rules.append(_serve_pages(pages))
        if beyond:
            with pytest.raises(UnsupportedError) as caught:
                _list(server.host)
            assert str(caught.value) == (
                f"list tags of {server.host}/{REPO}: the listing is over {MAX_LISTING_BYTES // (1 << 20)} MiB "
                "across its pages; refused"
            )
        else:
            assert _list(server.host) == ["a", "b"]


def test_an_answer_that_is_not_json_is_refused_naming_the_listing() -> None:
    with InterposingProxy(None) as server:
        server.rules.append(_serve_pages([b"<html>tags</html>"]))
        with pytest.raises(UnsupportedError) as caught:
            _list(server.host)
    assert str(caught.value) == f"list tags of {server.host}/{REPO}: the answer is not JSON"


def test_a_registry_that_cannot_be_reached_is_named_in_the_listing_error() -> None:
    with InterposingProxy(None) as server:
        host = server.host  # closed when the block ends: nothing listens there any more
    with pytest.raises(RegistryError) as caught:
        _list(host)
    assert str(caught.value).startswith(f"list tags of {host}/{REPO} failed: "), str(caught.value)


def test_an_unknown_repository_is_the_registrys_answer_naming_the_listing(registry: LocalRegistry) -> None:
    with pytest.raises(RegistryError) as caught:
        _list(registry.host, "lib/absent")
    assert caught.value.status == 404 and caught.value.codes == ["NAME_UNKNOWN"]
    assert str(caught.value).startswith(f"list tags of {registry.host}/lib/absent: HTTP 404 NAME_UNKNOWN ("), str(
        caught.value
    )


def test_an_answer_whose_tags_are_no_list_is_refused_naming_the_listing() -> None:
    with InterposingProxy(None) as server:
        server.rules.append(_serve_pages([json.dumps({"name": REPO, "tags": "v1"}).encode()]))
        with pytest.raises(UnsupportedError) as caught:
            _list(server.host)
    assert str(caught.value) == f"list tags of {server.host}/{REPO}: the answer is not a JSON tag list"


def test_a_next_page_on_another_host_is_refused_naming_the_listing() -> None:
    body = json.dumps({"name": REPO, "tags": ["v1"]}).encode()
    hop = Action(status=200, body=body, headers={"Link": '<http://127.0.0.2:9/v2/x/tags/list>; rel="next"'})
    with InterposingProxy(None) as server:
        server.rules.append(lambda seen: hop)
        with pytest.raises(RegistryError) as caught:
            _list(server.host)
    assert str(caught.value) == (
        f"list tags of {server.host}/{REPO}: the next page points at another host (127.0.0.2); refused"
    )
