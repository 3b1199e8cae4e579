"""What a failed connection means for the user: a certificate refused (never retried), or an HTTPS handshake that
met a plain-HTTP server (a hint to give instead of a retry)."""

from __future__ import annotations

import ssl

import httpx

from ecr_mirror.oci.policy import is_loopback


def certificate_refused(exc: BaseException) -> bool:
    """Whether a certificate check failed somewhere down the exception chain."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def plain_http_hint(exc: BaseException, url: httpx.URL | str) -> str | None:
    """What to do when an HTTPS handshake met a plain-HTTP answer (OpenSSL: WRONG_VERSION_NUMBER), else None."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLError) and seen.reason == "WRONG_VERSION_NUMBER":
            host = httpx.URL(url).host
            shown = httpx.URL(url).netloc.decode("ascii", "replace")
            if is_loopback(host):
                return f"{shown} seems to speak plain HTTP, not HTTPS: add --plain-http"
            return f"{shown} seems to speak plain HTTP, not HTTPS, which is allowed only for loopback registries"
        seen = seen.__cause__ or seen.__context__
    return None
