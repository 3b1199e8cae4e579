"""One OCI distribution client for one registry host: manifests, blobs, uploads, tags.

Reading and writing share the request path (auth, policy, retries) but nothing else. Manifest bytes are
kept verbatim: the digest is the hash of the exact bytes, so re-serialising would change it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

import httpx

from . import mediatypes
from .auth import RegistryAuth, scope_for
from .errors import AuthError, IncompleteBlobError, IntegrityError, RegistryError, UnsupportedError
from .transport import BodyFactory, Transport, retry_after_seconds

log = logging.getLogger(__name__)


MANIFEST_BLOB_RETRY_DELAY = 0.5


@dataclass(frozen=True)
class ManifestHead:
    digest: str | None
    media_type: str
    size: int | None


@dataclass(frozen=True)
class Manifest:
    data: bytes
    media_type: str
    digest: str


class BlobRef(Protocol):
    @property
    def digest(self) -> str: ...
    @property
    def size(self) -> int: ...


@dataclass(frozen=True)
class Upload:
    """An upload session (`location`), or a blob already mounted (`location` None)."""

    location: httpx.URL | None


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def parse_ratelimit(value: str | None) -> int | None:
    """`ratelimit-remaining: 76;w=21600` -> 76."""
    if not value:
        return None
    head = value.split(";", 1)[0].strip()
    return int(head) if head.isdigit() else None


def registry_error(response: httpx.Response, what: str) -> RegistryError:
    """A RegistryError carrying the status and the spec's error codes, with the registry's own message."""
    codes: list[str] = []
    messages: list[str] = []
    try:
        body = response.json() if response.content else {}
    except (ValueError, httpx.ResponseNotRead):
        body = {}
    if isinstance(body, dict):
        for err in body.get("errors") or []:
            if isinstance(err, dict):
                codes.append(str(err.get("code", "")))
                if err.get("message"):
                    messages.append(str(err["message"]))
    detail = "; ".join(messages) or response.reason_phrase
    message = f"{what}: HTTP {response.status_code}" + (f" {'/'.join(codes)}" if codes else "") + f" ({detail})"
    cls = AuthError if response.status_code in (401, 403) else RegistryError
    return cls(
        message,
        status=response.status_code,
        codes=codes,
        url=str(response.url.copy_with(query=None)),
        retry_after=retry_after_seconds(response.headers.get("retry-after")),
    )


class RegistryClient:
    def __init__(self, registry: str, transport: Transport, auth: RegistryAuth) -> None:
        self.registry = registry
        self.transport = transport
        self.auth = auth
        transport.trust(registry)  # a registry we were told to use may be at a private address
        self.base = transport.policy.base_url(registry)
        self.rate_limit_remaining: int | None = None

    def url(self, path: str) -> httpx.URL:
        return httpx.URL(f"{self.base}/v2/{path}")

    async def request(
        self,
        method: str,
        url: httpx.URL,
        *,
        scope: str,
        headers: Mapping[str, str] | None = None,
        body: BodyFactory | None = None,
        stream: bool = False,
        purpose: str,
        retries: bool = True,
    ) -> httpx.Response:
        """Send with the Authorization for `scope`; on 401 learn the challenge and try once more."""
        await self.auth.ensure(scope)
        for attempt in range(2):
            sent = dict(headers or {})
            value = self.auth.header(scope)
            if value:
                sent["Authorization"] = value
            response = await self.transport.send(
                method, url, headers=sent, body=body, stream=stream, purpose=purpose, retries=retries
            )
            if response.status_code != 401:
                return response
            await response.aclose()
            if attempt == 1:
                break
            await self.auth.on_unauthorized(response, scope)
        if self.auth.credentials is None:
            why = "no credentials are configured for this registry" + (
                f" ({self.auth.missing})" if self.auth.missing else ""
            )
        elif self.auth.challenge and self.auth.challenge.scheme == "basic":
            why = "the registry rejected the configured username or password"
        else:
            why = "the configured credentials do not grant it"
        raise AuthError(
            f"{purpose}: HTTP 401: access denied for {scope.split(maxsplit=1)[0]!r}: {why} (check the name too)",
            status=401,
            url=str(url.copy_with(query=None)),
        )

    def _note_ratelimit(self, response: httpx.Response) -> None:
        remaining = parse_ratelimit(response.headers.get("ratelimit-remaining"))
        if remaining is not None:
            # Keep the lowest count seen: answers to concurrent requests arrive out of order, and a stale
            # (higher) count must not hand back pulls this run already spent. The quota refills over hours.
            current = self.rate_limit_remaining
            self.rate_limit_remaining = remaining if current is None else min(current, remaining)

    def next_page(self, response: httpx.Response, what: str) -> httpx.URL | None:
        """The `Link: <...>; rel="next"` URL of a paginated answer, which must stay on this registry."""
        link = response.links.get("next", {}).get("url")
        if not link:
            return None
        url = response.url.join(link)
        self.transport.policy.check(url, f"next page of {what}")
        ours = httpx.URL(self.base)
        if (url.host, url.port) != (ours.host, ours.port):
            raise RegistryError(f"{what}: the next page points at another host ({url.host}); refused", status=200)
        return url

    # -- manifests -------------------------------------------------------------------------------------------

    async def head_manifest(self, repo: str, ref: str, *, actions: str = "pull") -> ManifestHead | None:
        """HEAD a manifest (free against Docker Hub's quota). None when the tag or digest does not exist."""
        what = f"HEAD {self.registry}/{repo}:{ref}"
        response = await self.request(
            "HEAD",
            self.url(f"{repo}/manifests/{ref}"),
            scope=scope_for(repo, actions),
            headers={"Accept": mediatypes.ACCEPT},
            purpose=what,
        )
        self._note_ratelimit(response)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise registry_error(response, what)
        length = response.headers.get("content-length")
        return ManifestHead(
            digest=response.headers.get("docker-content-digest"),
            media_type=response.headers.get("content-type", "").split(";")[0].strip(),
            size=int(length) if length and length.isdigit() else None,
        )

    async def get_manifest(self, repo: str, ref: str, *, expected_digest: str | None = None) -> Manifest:
        """GET a manifest, refusing oversized or schema1 ones and verifying its digest."""
        what = (
            f"manifest {self.registry}/{repo}@{ref}"
            if ref.startswith("sha")
            else f"manifest {self.registry}/{repo}:{ref}"
        )
        response = await self.request(
            "GET",
            self.url(f"{repo}/manifests/{ref}"),
            scope=scope_for(repo, "pull"),
            headers={"Accept": mediatypes.ACCEPT},
            stream=True,
            purpose=f"GET {what}",
        )
        try:
            self._note_ratelimit(response)
            if response.status_code != 200:
                await response.aread()
                if response.status_code == 429:  # the pull quota is spent: later images defer without asking
                    self.rate_limit_remaining = 0
                raise registry_error(response, f"GET {what}")
            data = await read_capped(response, mediatypes.MAX_MANIFEST_BYTES, what)
        finally:
            await response.aclose()
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        digest = sha256_digest(data)
        if media_type in mediatypes.SCHEMA1_TYPES:
            raise UnsupportedError(f"{what} is a Docker schema1 manifest, which is deprecated and not mirrored")
        wanted = expected_digest or (ref if ref.startswith("sha256:") else None)
        if wanted and digest != wanted:
            raise IntegrityError(f"{what}: received bytes hash to {digest}, not {wanted}")
        header = response.headers.get("docker-content-digest")
        if header and header.startswith("sha256:") and header != digest:
            raise IntegrityError(f"{what}: received bytes hash to {digest}, the registry claims {header}")
        if media_type not in mediatypes.MANIFEST_TYPES:
            media_type = _sniff_media_type(data, media_type, what)
        return Manifest(data=data, media_type=media_type, digest=digest)

    async def put_manifest(self, repo: str, ref: str, manifest: Manifest) -> None:
        what = f"PUT manifest {self.registry}/{repo}:{ref}"
        for attempt in range(2):
            response = await self.request(
                "PUT",
                self.url(f"{repo}/manifests/{ref}"),
                scope=scope_for(repo, "pull,push"),
                headers={"Content-Type": manifest.media_type},
                body=lambda: manifest.data,
                purpose=what,
            )
            if response.status_code in (200, 201):
                break
            error = registry_error(response, what)
            if attempt == 1 or "MANIFEST_BLOB_UNKNOWN" not in error.codes:
                raise error
            # Every blob was just confirmed or uploaded: one that is "unknown" is not visible yet (a concurrent
            # writer committing the same blob, eventual consistency). Ask once more after a pause.
            log.debug("%s: %s; retrying once", what, error)
            await asyncio.sleep(MANIFEST_BLOB_RETRY_DELAY)
        returned = response.headers.get("docker-content-digest")
        if returned and returned != manifest.digest:
            raise IntegrityError(f"{what}: the registry stored {returned}, we sent {manifest.digest}")

    # -- blobs -----------------------------------------------------------------------------------------------

    async def blob_exists(self, repo: str, digest: str) -> bool:
        what = f"HEAD blob {self.registry}/{repo}@{digest}"
        response = await self.request(
            "HEAD", self.url(f"{repo}/blobs/{digest}"), scope=scope_for(repo, "pull,push"), purpose=what
        )
        if response.status_code == 200:
            return True
        if response.status_code == 404:
            return False
        raise registry_error(response, what)

    async def open_blob(self, repo: str, digest: str) -> httpx.Response:
        """GET a blob as a stream (following redirects to a CDN without our token). Caller closes it."""
        what = f"GET blob {self.registry}/{repo}@{digest}"
        response = await self.request(
            "GET",
            self.url(f"{repo}/blobs/{digest}"),
            scope=scope_for(repo, "pull"),
            headers={"Accept-Encoding": "identity"},
            stream=True,
            purpose=what,
        )
        if response.status_code != 200:
            await response.aread()
            await response.aclose()
            raise registry_error(response, what)
        return response

    async def read_blob(self, repo: str, desc: BlobRef, *, limit: int) -> bytes:
        """A small blob (an image config) read whole, size-capped and digest-verified."""
        what = f"blob {self.registry}/{repo}@{desc.digest}"
        if desc.size > limit:
            raise UnsupportedError(f"{what} declares {desc.size} bytes; more than the {limit} read whole")
        response = await self.open_blob(repo, desc.digest)
        try:
            data = await read_capped(response, limit, what)
        finally:
            await response.aclose()
        if len(data) != desc.size or sha256_digest(data) != desc.digest:
            raise IntegrityError(f"{what}: {len(data)} bytes hashing to {sha256_digest(data)} do not match")
        return data

    async def start_upload(self, repo: str, digest: str, mount_from: str | None = None) -> Upload:
        """POST an upload; with `mount_from`, ask to mount the blob from another repository (201 = done)."""
        url = self.url(f"{repo}/blobs/uploads/")
        scope = scope_for(repo, "pull,push")
        if mount_from:
            url = url.copy_merge_params({"mount": digest, "from": mount_from})
            scope = scope_for(repo, "pull,push", f"repository:{mount_from}:pull")
        what = f"start upload {self.registry}/{repo}@{digest}"
        response = await self.request("POST", url, scope=scope, headers={"Content-Length": "0"}, purpose=what)
        if mount_from and response.status_code == 201:
            return Upload(location=None)
        if response.status_code != 202 or "location" not in response.headers:
            raise registry_error(response, what)
        location = response.url.join(response.headers["location"])
        self.transport.policy.check(location, f"upload location from {self.registry}")
        # Compare with the registry we asked, not with where a redirect of the POST ended: the PUT carries our
        # credentials and the blob, and must not follow a hostile hop to another host.
        ours = httpx.URL(self.base)
        if (location.host, location.port) != (ours.host, ours.port):
            raise RegistryError(
                f"{what}: upload location points at another host ({location.host}); refused", status=202
            )
        return Upload(location=location)

    async def finish_upload(self, repo: str, upload: Upload, digest: str, size: int, body: BodyFactory) -> None:
        """Monolithic streamed PUT of the whole blob to the upload session."""
        assert upload.location is not None
        url = upload.location.copy_merge_params({"digest": digest})
        what = f"upload {self.registry}/{repo}@{digest}"
        response = await self.request(
            "PUT",
            url,
            scope=scope_for(repo, "pull,push"),
            headers={"Content-Type": "application/octet-stream", "Content-Length": str(size)},
            body=body,
            purpose=what,
            retries=False,  # the body is a one-shot stream: the blob copier restarts the whole upload instead
        )
        if response.status_code != 201:
            raise registry_error(response, what)
        returned = response.headers.get("docker-content-digest")
        if returned and returned != digest:
            raise IntegrityError(f"{what}: the registry stored {returned}")


async def read_capped(response: httpx.Response, limit: int, what: str) -> bytes:
    length = response.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise UnsupportedError(f"{what} is {int(length)} bytes; more than {limit} is refused")
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.aiter_bytes():
        total += len(chunk)
        if total > limit:
            raise UnsupportedError(f"{what} is over {limit} bytes; that much is refused")
        chunks.append(chunk)
    return b"".join(chunks)


def _sniff_media_type(data: bytes, declared: str, what: str) -> str:
    """Some registries answer application/json; the manifest's own mediaType field then decides."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise UnsupportedError(f"{what}: not JSON (Content-Type {declared!r})") from exc
    media_type = doc.get("mediaType") if isinstance(doc, dict) else None
    if media_type in mediatypes.SCHEMA1_TYPES or (isinstance(doc, dict) and doc.get("schemaVersion") == 1):
        raise UnsupportedError(f"{what} is a Docker schema1 manifest, which is deprecated and not mirrored")
    if media_type in mediatypes.MANIFEST_TYPES:
        return str(media_type)
    if isinstance(doc, dict) and "manifests" in doc:
        return mediatypes.OCI_INDEX
    if isinstance(doc, dict) and "layers" in doc:
        return mediatypes.OCI_MANIFEST
    raise UnsupportedError(f"{what}: unknown manifest media type {declared!r}")


async def iter_verified(
    chunks: AsyncIterator[bytes], digest: str, size: int, what: str, on_bytes: Callable[[int], None] | None = None
) -> AsyncIterator[bytes]:
    """Pass chunks through while hashing; raise IntegrityError (aborting the upload) on a size or digest mismatch.

    The last chunk is held back until the whole stream is verified: a bad blob's upload always ends short of its
    Content-Length, so no registry can commit it, whether or not it checks the digest itself.
    """
    hasher = hashlib.sha256()
    seen = 0
    held: bytes | None = None
    async for chunk in chunks:
        if not chunk:
            continue
        seen += len(chunk)
        if seen > size:
            raise IntegrityError(f"{what}: more bytes than the {size} the descriptor declares")
        hasher.update(chunk)
        if held is not None:
            if on_bytes:
                on_bytes(len(held))
            yield held
        held = chunk
    if seen != size:
        raise IncompleteBlobError(f"{what}: the stream ended after {seen} of {size} bytes")
    got = "sha256:" + hasher.hexdigest()
    if got != digest:
        raise IntegrityError(f"{what}: bytes hash to {got}, not {digest}")
    if held is not None:
        if on_bytes:
            on_bytes(len(held))
        yield held
