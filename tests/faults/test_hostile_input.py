"""Hostile input fails the image with a clear message, never an "unexpected" traceback: numbers too large for a
float, tokens that are not header text, URLs no parser accepts, manifests nested to blow the stack or shaped as a
list. Each case names what was wrong; none is retried as if the network had failed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator

import pytest

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import ImageResult, Status
from ecr_mirror.mirror.run import Job
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.reference import parse_reference
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import is_blob_get, is_manifest, job, nothing_tagged, one, run, tag_digest


@pytest.fixture(scope="module")
def hostile(registry_binary: str) -> Iterator[tuple[LocalRegistry, LocalRegistry]]:
    """A source holding lib/h:1 and an empty target, shared by the cases (each writes its own target repository)."""
    source, target = LocalRegistry(binary=registry_binary).start(), LocalRegistry(binary=registry_binary).start()
    push_image(source, "lib/h", oci_image(seed="hostile-input"), tags=["1"])
    yield source, target
    target.stop()
    source.stop()


def _clear_failure(result: ImageResult, *needles: str) -> None:
    assert result.status is Status.FAILED, result
    error = result.error or ""
    assert not error.startswith("unexpected"), error
    for needle in needles:
        assert needle in error, (needle, error)


def _challenging(realm: str) -> Callable[[Seen], Action | None]:
    challenge = f'Bearer realm="{realm}",service="hostile"'
    return lambda s: (
        None if "authorization" in s.headers else Action(status=401, headers={"WWW-Authenticate": challenge})
    )


# -- token servers ---------------------------------------------------------------------------------------------------


def _behind_token_server(
    proxy_factory: Callable[..., InterposingProxy], upstream: str, answer: bytes
) -> tuple[InterposingProxy, InterposingProxy]:
    """A source that challenges every anonymous request, and a token server answering `answer` (JSON)."""
    tokens = proxy_factory(None)
    tokens.rules.append(lambda s: Action(status=200, body=answer, headers={"Content-Type": "application/json"}))
    source = proxy_factory(upstream)
    source.rules.append(_challenging(f"{tokens.url}/token"))
    return source, tokens


def test_a_token_lifetime_too_large_for_a_float_is_capped_and_the_copy_goes_on(
    hostile: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    registry, target = hostile
    answer = b'{"token": "abc.def", "expires_in": 1' + b"0" * 400 + b"}"
    source, tokens = _behind_token_server(proxy_factory, registry.host, answer)
    result = one(run([job(f"{source.host}/lib/h:1", f"{target.host}/tok/huge:1")]))
    assert result.status is Status.COPIED, result
    assert tag_digest(target.host, "tok/huge", "1") == result.digest
    assert len(tokens.requests()) == 1
    sent = {s.headers.get("authorization") for s in source.requests()}
    assert sent == {None, "Bearer abc.def"}, sent


@pytest.mark.parametrize(
    ("case", "token"),
    [("non-ascii", "t\u00f6k\u00e9n"), ("crlf", "abc\r\nX-Injected: 1"), ("lf", "abc\nx"), ("space", "abc def")],
)
def test_a_token_that_is_not_header_text_is_refused_once_and_never_sent(
    case: str, token: str, hostile: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    registry, target = hostile
    source, tokens = _behind_token_server(proxy_factory, registry.host, json.dumps({"token": token}).encode())
    result = one(run([job(f"{source.host}/lib/h:1", f"{target.host}/tok/{case}:1")]))
    _clear_failure(result, "token", "not allowed in an HTTP header")
    assert token not in (result.error or "")  # never echo a credential, even a broken one
    assert len(tokens.requests()) == 1, "a malformed token is not a network fault: asked again"
    assert [s for s in source.requests() if "authorization" in s.headers] == [], "a malformed token was sent"
    nothing_tagged(target, f"tok/{case}")


# -- URLs no parser accepts ------------------------------------------------------------------------------------------

BAD_URLS = {
    "realm-octal-metadata": "http://0251.0376.0251.0376/token",
    "realm-javascript": "javascript:alert(1)",
    "realm-port-99999": "https://127.0.0.1:99999/token",
    "realm-empty-host": "https:///token",
}


@pytest.mark.parametrize("case", list(BAD_URLS), ids=list(BAD_URLS))
def test_a_token_realm_no_parser_accepts_fails_the_image_clearly(
    case: str, hostile: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    registry, target = hostile
    source = proxy_factory(registry.host)
    source.rules.append(_challenging(BAD_URLS[case]))
    result = one(run([job(f"{source.host}/lib/h:1", f"{target.host}/realm/{case}:1")]))
    _clear_failure(result, "token realm")
    nothing_tagged(target, f"realm/{case}")


REDIRECTS = {
    "javascript": "javascript:alert(1)",
    "port-99999": "http://127.0.0.1:99999/blob",
    "octal-metadata": "http://0251.0376.0251.0376/latest/meta-data/",
    "bad-ipv6": "http://[::1/blob",
    "data": "data:text/plain,hello",
}


@pytest.mark.parametrize("case", list(REDIRECTS), ids=list(REDIRECTS))
def test_a_redirect_no_parser_accepts_fails_the_image_clearly(
    case: str, hostile: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    registry, target = hostile
    source = proxy_factory(registry.host)
    source.rules.append(lambda s: Action(status=307, headers={"Location": REDIRECTS[case]}) if is_blob_get(s) else None)
    result = one(run([job(f"{source.host}/lib/h:1", f"{target.host}/redirect/{case}:1")]))
    _clear_failure(result, "redirect")
    assert len(source.requests("GET", "/blobs/")) <= 2, "a refused redirect is not a network fault: asked again"
    nothing_tagged(target, f"redirect/{case}")


# -- manifests shaped to break a parser ----------------------------------------------------------------------------


def _serving_manifest(body: bytes, media_type: str = mediatypes.OCI_MANIFEST) -> Callable[[Seen], Action | None]:
    """A source whose tag `1` is `body`: HEAD and GET agree on its digest, so only its shape is wrong."""
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    headers = {"Docker-Content-Digest": digest, "Content-Type": media_type}

    def rule(seen: Seen) -> Action | None:
        if is_manifest(seen) and (seen.path.endswith("/manifests/1") or seen.path.endswith(digest)):
            return Action(status=200, body=body, headers=headers)
        return None

    return rule


SHAPES = {
    "nested-arrays": (b"[" * 200_000 + b"]" * 200_000, "nested"),
    "nested-objects": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested"),
    "json-array": (b'[{"config": {}}, 1, 2]', "not a JSON object"),
    "json-string": (b'"layers"', "not a JSON object"),
}


@pytest.mark.parametrize("platforms", [(), ("linux/amd64",)], ids=["whole", "platform"])
@pytest.mark.parametrize("shape", list(SHAPES), ids=list(SHAPES))
def test_a_manifest_shaped_to_break_the_parser_fails_the_image_clearly(
    shape: str,
    platforms: tuple[str, ...],
    hostile: tuple[LocalRegistry, LocalRegistry],
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    registry, target = hostile
    body, needle = SHAPES[shape]
    source = proxy_factory(registry.host)
    source.rules.append(_serving_manifest(body))
    repo = f"shape/{shape}-{len(platforms)}"
    source_ref, target_ref = parse_reference(f"{source.host}/lib/h:1"), parse_reference(f"{target.host}/{repo}:1")
    result = one(run([Job(source_ref, target_ref, platforms=platforms)]))
    _clear_failure(result, needle)
    assert not source.requests("GET", "/blobs/"), "went on to copy blobs of a manifest it cannot read"
    nothing_tagged(target, repo)


def test_an_index_shaped_to_break_the_parser_fails_the_image_clearly(
    hostile: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    registry, target = hostile
    index = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": 7}
    source = proxy_factory(registry.host)
    source.rules.append(_serving_manifest(json.dumps(index).encode(), mediatypes.OCI_INDEX))
    source_ref, target_ref = parse_reference(f"{source.host}/lib/h:1"), parse_reference(f"{target.host}/shape/idx:1")
    result = one(run([Job(source_ref, target_ref, platforms=("linux/amd64",))]))
    _clear_failure(result, "manifests")
    nothing_tagged(target, "shape/idx")


def test_an_error_answer_nested_to_break_the_parser_still_reports_its_status(
    hostile: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    registry, target = hostile
    source = proxy_factory(registry.host)
    nested = Action(status=400, body=b"[" * 60_000, headers={"Content-Type": "application/json"})
    source.rules.append(lambda s: nested if is_manifest(s, "GET") else None)
    result = one(run([job(f"{source.host}/lib/h:1", f"{target.host}/shape/error:1")]))
    _clear_failure(result, "GET manifest", "HTTP 400")
    nothing_tagged(target, "shape/error")


def test_a_token_answer_nested_to_break_the_parser_fails_the_image_clearly(
    hostile: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    registry, target = hostile
    source, tokens = _behind_token_server(proxy_factory, registry.host, b"[" * 60_000)
    result = one(run([job(f"{source.host}/lib/h:1", f"{target.host}/tok/nested:1")]))
    _clear_failure(result, "token server", "nested too deeply")
    assert len(tokens.requests()) == 1
    nothing_tagged(target, "tok/nested")
