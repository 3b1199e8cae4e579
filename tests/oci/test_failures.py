"""What a failed connection means: a certificate refused, or an HTTPS handshake that met a plain-HTTP server.

The exceptions are real ones where a real server can give them (an HTTPS request to a plain-HTTP registry, a
certificate signed by a CA we do not trust); the chains around them are built by hand to pin how far they are
followed and along which links."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tlscerts import make_tls_files
from ecr_mirror.oci.failures import certificate_refused, plain_http_hint


def _failure(url: str) -> httpx.TransportError:
    with pytest.raises(httpx.TransportError) as caught, httpx.Client(verify=ssl.create_default_context()) as client:
        client.get(url)
    return caught.value


def _wrong_version() -> ssl.SSLError:
    exc = ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number")
    exc.reason = "WRONG_VERSION_NUMBER"
    return exc


def _chain(inner: BaseException, depth: int, link: str = "__cause__") -> BaseException:
    """`inner` under `depth` RuntimeErrors, each linked to the next by `link`; the outermost is returned."""
    for level in range(depth):
        outer = RuntimeError(f"level {level}")
        setattr(outer, link, inner)
        inner = outer
    return inner


def test_an_https_request_to_a_plain_http_registry_gives_the_plain_http_hint(registry: LocalRegistry) -> None:
    url = f"https://{registry.host}/v2/"
    exc = _failure(url)
    assert plain_http_hint(exc, url) == f"{registry.host} seems to speak plain HTTP, not HTTPS: add --plain-http"
    assert plain_http_hint(exc, httpx.URL(url)) == plain_http_hint(exc, url)
    assert not certificate_refused(exc)


def test_the_hint_for_a_registry_off_loopback_says_plain_http_is_not_allowed_there(registry: LocalRegistry) -> None:
    exc = _failure(f"https://{registry.host}/v2/")
    assert plain_http_hint(exc, "https://registry.example.com:5000/v2/lib/a/manifests/1") == (
        "registry.example.com:5000 seems to speak plain HTTP, not HTTPS, which is allowed only for loopback registries"
    )
    assert plain_http_hint(exc, "https://localhost/v2/") == (
        "localhost seems to speak plain HTTP, not HTTPS: add --plain-http"
    )


def test_a_certificate_from_an_unknown_ca_is_refused_and_gives_no_hint(
    registry_factory: Callable[..., LocalRegistry], tmp_path: Path
) -> None:
    tls_registry = registry_factory(tls=make_tls_files(tmp_path / "tls"))
    url = f"https://{tls_registry.host}/v2/"
    exc = _failure(url)
    assert certificate_refused(exc)
    assert plain_http_hint(exc, url) is None


@pytest.mark.parametrize("link", ["__cause__", "__context__"])
def test_either_link_of_a_chain_is_followed_ten_exceptions_deep_and_no_further(link: str) -> None:
    verification = ssl.SSLCertVerificationError(1, "certificate verify failed")
    assert certificate_refused(verification)
    assert certificate_refused(_chain(verification, 9, link))  # the tenth exception looked at
    assert not certificate_refused(_chain(verification, 10, link))
    url = "https://127.0.0.1:5000/v2/"
    assert plain_http_hint(_chain(_wrong_version(), 9, link), url) == (
        "127.0.0.1:5000 seems to speak plain HTTP, not HTTPS: add --plain-http"
    )
    assert plain_http_hint(_chain(_wrong_version(), 10, link), url) is None


def test_other_failures_are_neither_a_refused_certificate_nor_plain_http() -> None:
    other = ssl.SSLError(1, "[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] alert")
    other.reason = "SSLV3_ALERT_HANDSHAKE_FAILURE"
    for exc in (httpx.ConnectError("refused"), _chain(other, 2), _chain(ConnectionResetError(), 3)):
        assert not certificate_refused(exc)
        assert plain_http_hint(exc, "https://127.0.0.1:5000/v2/") is None
    looped = RuntimeError("a chain that loops")
    looped.__context__ = RuntimeError("back")
    looped.__context__.__context__ = looped
    assert not certificate_refused(looped)
    assert plain_http_hint(looped, "https://127.0.0.1:5000/v2/") is None
