"""One OCI distribution client for one registry host: manifests, blobs, uploads, tags.

Reading and writing share the request path (auth, policy, retries) but nothing else. Manifest bytes are
kept verbatim: the digest is the hash of the exact bytes, so re-serialising would change it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from ecr_mirror.errors import AuthError, IntegrityError, RegistryError, UnsupportedError
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.auth import RegistryAuth, scope_for
from ecr_mirror.oci.bodies import MAX_BODY, error_body
from ecr_mirror.oci.manifest import BlobRef, Manifest, ManifestHead, json_document, parse_digest, sha256_digest
from ecr_mirror.oci.policy import same_origin
from ecr_mirror.oci.responses import parse_ratelimit, registry_error, sniff_media_type
from ecr_mirror.oci.transport import BodyFactory, Transport
from ecr_mirror.oci.urls import api_url

log = logging.getLogger(__name__)


MANIFEST_BLOB_RETRY_DELAY = 0.5


@dataclass(frozen=True)
class Upload:
    """An upload session (`location`), or a blob already mounted (`location` None)."""

    location: httpx.URL | None


class RegistryClient:
    def __init__(self, registry: str, transport: Transport, auth: RegistryAuth) -> None:
        self.registry = registry
        self.transport = transport
        self.auth = auth
        transport.trust(registry)  # a registry we were told to use may be at a private address
        self.base = transport.policy.base_url(registry)
        self.rate_limit_remaining: int | None = None

    def url(self, path: str) -> httpx.URL:
        return api_url(self.base, f"/v2/{path}")

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
        max_body: int = MAX_BODY,
    ) -> httpx.Response:
        """Send with the Authorization for `scope`; on 401 learn the challenge and try once more.

        An answer that is not streamed is read whole, at most `max_body` bytes."""
        await self.auth.ensure(scope)
        for attempt in range(2):
            sent = dict(headers or {})
            value = self.auth.header(scope)
            if value:
                sent["Authorization"] = value
            response = await self.transport.send(
                method, url, headers=sent, body=body, stream=stream, purpose=purpose, retries=retries, max_body=max_body
            )
            # Only the registry's own 401 carries its challenge: a redirect hop elsewhere (a blob CDN) answering
            # 401 names a realm of its own, and learning it would send our credentials there.
            if response.status_code != 401 or not same_origin(response.url, httpx.URL(self.base)):
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
            digest=parse_digest(response.headers.get("docker-content-digest"), f"{what}: Docker-Content-Digest"),
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
        # Read whole by the transport (capped, and asked again when the body breaks half way).
        response = await self.request(
            "GET",
            self.url(f"{repo}/manifests/{ref}"),
            scope=scope_for(repo, "pull"),
            headers={"Accept": mediatypes.ACCEPT},
            purpose=f"GET {what}",
            max_body=mediatypes.MAX_MANIFEST_BYTES,
        )
        self._note_ratelimit(response)
        if response.status_code != 200:
            if response.status_code == 429:  # the pull quota is spent: later images defer without asking
                self.rate_limit_remaining = 0
            raise registry_error(response, f"GET {what}")
        data = response.content
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        digest = sha256_digest(data)
        if media_type in mediatypes.SCHEMA1_TYPES:
            raise UnsupportedError(f"{what} is a Docker schema1 manifest, which is deprecated and not mirrored")
        wanted = expected_digest or (ref if ref.startswith("sha256:") else None)
        if wanted and digest != wanted:
            raise IntegrityError(f"{what}: received bytes hash to {digest}, not {wanted}")
        header = parse_digest(response.headers.get("docker-content-digest"), f"{what}: Docker-Content-Digest")
        if header and header.startswith("sha256:") and header != digest:
            raise IntegrityError(f"{what}: received bytes hash to {digest}, the registry claims {header}")
        if media_type not in mediatypes.MANIFEST_TYPES:
            media_type = sniff_media_type(data, media_type, what)
        json_document(data, what)  # read once here: a list, a string or a stack-exhausting nest fails the image now
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
            # The distribution spec's answer to a stored manifest is 201 Created; anything else (a 200 from a
            # proxy, a redirect not followed) did not store it. ECR answers 201 too, without Location (a client
            # requiring 201 failed against ECR only on the missing Location: apple/swift-container-plugin#27), and
            # we never read Location or require Docker-Content-Digest here.
            if response.status_code == 201:
                break
            error = registry_error(response, what)
            if attempt == 1 or "MANIFEST_BLOB_UNKNOWN" not in error.codes:
                raise error
            # Every blob was just confirmed or uploaded: one that is "unknown" is not visible yet (a concurrent
            # writer committing the same blob, eventual consistency). Ask once more after a pause.
            log.debug("%s: %s; retrying once", what, error)
            await self.transport.retry.sleep(MANIFEST_BLOB_RETRY_DELAY)
        returned = parse_digest(response.headers.get("docker-content-digest"), f"{what}: Docker-Content-Digest")
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

    async def open_blob(self, repo: str, digest: str, *, start: int = 0) -> httpx.Response:
        """GET a blob as a stream (following redirects to a CDN without our token). Caller closes it.

        With `start`, ask for the bytes from there on (`Range`): the answer is a 206, or a 200 with the whole blob
        from a source that ignores ranges; the caller checks which.
        """
        what = f"GET blob {self.registry}/{repo}@{digest}"
        headers = {"Accept-Encoding": "identity"}
        if start:
            headers["Range"] = f"bytes={start}-"
        response = await self.request(
            "GET",
            self.url(f"{repo}/blobs/{digest}"),
            scope=scope_for(repo, "pull"),
            headers=headers,
            stream=True,
            purpose=what,
        )
        if response.status_code == 200 or (start and response.status_code == 206):
            return response
        try:
            raise registry_error(response, what, await error_body(response))
        finally:
            await response.aclose()

    async def read_blob(self, repo: str, desc: BlobRef, *, limit: int) -> bytes:
        """A small blob (an image config) read whole, size-capped and digest-verified."""
        what = f"blob {self.registry}/{repo}@{desc.digest}"
        if desc.size > limit:
            raise UnsupportedError(f"{what} declares {desc.size} bytes; more than the {limit} read whole")
        response = await self.request(
            "GET",
            self.url(f"{repo}/blobs/{desc.digest}"),
            scope=scope_for(repo, "pull"),
            headers={"Accept-Encoding": "identity"},
            purpose=f"GET {what}",
            max_body=limit,
        )
        if response.status_code != 200:
            raise registry_error(response, f"GET {what}")
        data = response.content
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
        returned = parse_digest(response.headers.get("docker-content-digest"), f"{what}: Docker-Content-Digest")
        if returned and returned != digest:
            raise IntegrityError(f"{what}: the registry stored {returned}")
