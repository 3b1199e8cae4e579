"""No cookies: registry APIs need none, and a cookie set by one answer (a CDN's, a load balancer's) must not ride
along on later requests."""

from __future__ import annotations

import http.cookiejar
from typing import Any

import httpx


class NoCookies(http.cookiejar.CookieJar):
    """A cookie jar that keeps nothing: registry APIs need no cookies, and a cookie set by one answer (a CDN's, a
    load balancer's) must not ride along on later requests."""

    def set_cookie(self, cookie: http.cookiejar.Cookie) -> None:
        return

    def extract_cookies(self, response: Any, request: Any) -> None:
        return


class KeptNoCookies(httpx.Cookies):
    """httpx's cookie store over NoCookies that skips the per-answer extraction: httpx wraps every answer and its
    request in urllib objects for the jar (a tenth of a warm HEAD's CPU) only for NoCookies to drop the result."""

    def __init__(self) -> None:
        super().__init__(NoCookies())

    def extract_cookies(self, response: httpx.Response) -> None:
        return
