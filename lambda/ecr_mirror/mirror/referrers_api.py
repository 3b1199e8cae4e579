"""The OCI referrers API (`GET /v2/<repo>/referrers/<digest>`): whether a registry has it, and its pages.

Whether a registry has the API is learned from its first answer and kept per client (one registry host in one
run), in a ReferrersApi object the run owns; nothing is kept in module state. Registries without the API answer
its route with 404 (distribution 2.8), 405, and some 400, 406 or 501; some answer 200 with something other than
an OCI index (a web page, another JSON document). As go-containerregistry does, only an answer of type
`application/vnd.oci.image.index.v1+json` counts as the API; anything else means: use the fallback tag scheme.
"""

from __future__ import annotations

import asyncio

import httpx

from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.auth import scope_for
from ecr_mirror.oci.bodies import error_body
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.responses import read_capped, registry_error

NO_API_STATUSES = frozenset({400, 404, 405, 406, 501})
Page = tuple[bytes, httpx.URL | None]
KEPT_BYTES = 1 << 20  # first pages kept for a second reader (the gate reads, the copy reads again), at most this much


class ReferrersApi:
    """Which registries (clients) have the referrers API, learned once per client."""

    def __init__(self) -> None:
        self._support: dict[RegistryClient, bool] = {}
        self._probes: dict[RegistryClient, asyncio.Lock] = {}
        self._kept: dict[tuple[RegistryClient, str, str], Page] = {}  # oldest first

    async def first_page(self, client: RegistryClient, repo: str, subject: str, *, keep: bool = False) -> Page | None:
        """The first page of the API's answer for `subject`, or None when the registry has no such API.

        Concurrent first calls wait for one probe, so a registry without the API is asked once per run. With
        `keep`, the page is kept for the next reader of the same subject, who takes it instead of asking again (the
        policy gate reads a digest's referrers, then the copy of the same digest's referrers reads them).
        """
        key = (client, repo, subject)
        kept = self._kept.pop(key, None)
        if kept is not None:
            return kept
        page = await self._first_page(client, repo, subject)
        if keep and page is not None and len(page[0]) <= KEPT_BYTES:
            self._kept[key] = page
            while sum(len(data) for data, _ in self._kept.values()) > KEPT_BYTES:
                del self._kept[next(iter(self._kept))]
        return page

    async def _first_page(self, client: RegistryClient, repo: str, subject: str) -> Page | None:
        url = client.url(f"{repo}/referrers/{subject}")
        known = self._support.get(client)
        if known is not None:
            return await read_page(client, repo, url, subject) if known else None
        async with self._probes.setdefault(client, asyncio.Lock()):
            if client not in self._support:
                page = await read_page(client, repo, url, subject)
                self._support[client] = page is not None
                return page
        return await self._first_page(client, repo, subject)

    async def has_api(self, client: RegistryClient, repo: str, subject: str) -> bool:
        if client not in self._support:
            await self._first_page(client, repo, subject)
        return self._support[client]


async def read_page(client: RegistryClient, repo: str, url: httpx.URL, subject: str) -> Page | None:
    """One page of a referrers API answer and the next page's URL; None when the registry has no such API."""
    what = f"GET {client.registry}/{repo} referrers of {subject}"
    response = await client.request(
        "GET",
        url,
        scope=scope_for(repo, "pull"),
        headers={"Accept": mediatypes.OCI_INDEX},
        stream=True,
        purpose=what,
    )
    try:
        if response.status_code in NO_API_STATUSES:
            return None
        if response.status_code != 200:
            raise registry_error(response, what, await error_body(response))
        if response.headers.get("content-type", "").split(";")[0].strip() != mediatypes.OCI_INDEX:
            return None  # a 200 that is not the API's answer: a web page, a catch-all route
        data = await read_capped(response, mediatypes.MAX_MANIFEST_BYTES, what)
    finally:
        await response.aclose()
    return data, client.next_page(response, what)
