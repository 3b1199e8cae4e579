"""A tiny push client for seeding registries (plain httpx, independent of the product's copy engine).

    with PushClient(registry.url, credentials=("lab", "lab-secret")) as client:
        desc = push_image(client, "library/alpine", oci_index(), tags=["3.20"])

Blobs: HEAD (skip when present), then monolithic POST + PUT, streamed for large blobs.
Manifests: PUT with Content-Type = media type; the registry's Docker-Content-Digest must match our hash.
`push_image` also accepts any object with `.url` and `.credentials` (a LocalRegistry) instead of a client.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from ecr_mirror.lab.challenge import ChallengeAuth
from ecr_mirror.lab.content import StreamedBlob
from ecr_mirror.lab.image_types import Blob, BlobInfo, ImageContent, ImageDescription


class PushError(RuntimeError):
    """The registry refused a push; the message carries the status and body."""


class Endpoint(Protocol):
    @property
    def url(self) -> str: ...

    @property
    def credentials(self) -> tuple[str, str] | None: ...


class PushClient:
    def __init__(
        self,
        url: str,
        *,
        credentials: tuple[str, str] | None = None,
        timeout: float = 120.0,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.url = url.rstrip("/")
        self.host = urlsplit(self.url).netloc
        self.auth = ChallengeAuth(credentials)
        self._http = httpx.Client(base_url=self.url, auth=self.auth, timeout=timeout, verify=verify)

    def __enter__(self) -> PushClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    @staticmethod
    def _check(response: httpx.Response, expected: int, what: str) -> None:
        if response.status_code != expected:
            raise PushError(
                f"{what}: {response.request.method} {response.request.url.path} answered "
                f"{response.status_code}: {response.text[:500]}"
            )

    def blob_exists(self, repo: str, digest: str) -> bool:
        response = self._http.head(f"/v2/{repo}/blobs/{digest}")
        if response.status_code not in (200, 404):
            self._check(response, 200, f"HEAD blob {digest}")
        return response.status_code == 200

    def put_blob(self, repo: str, blob: Blob | StreamedBlob) -> bool:
        """Upload one blob unless present; returns whether bytes were sent."""
        if self.blob_exists(repo, blob.digest):
            return False
        started = self._http.post(f"/v2/{repo}/blobs/uploads/")
        self._check(started, 202, f"start upload of {blob.digest}")
        location = started.headers["location"]
        url = f"{location}{'&' if '?' in location else '?'}digest={blob.digest}"
        body: bytes | Iterator[bytes] = blob.data if isinstance(blob, Blob) else blob.open()
        headers = {"Content-Type": "application/octet-stream", "Content-Length": str(blob.size)}
        done = self._http.put(url, content=body, headers=headers)
        self._check(done, 201, f"upload of {blob.digest}")
        return True

    def put_manifest(self, repo: str, reference: str, body: bytes, media_type: str, digest: str) -> None:
        response = self._http.put(
            f"/v2/{repo}/manifests/{reference}", content=body, headers={"Content-Type": media_type}
        )
        self._check(response, 201, f"PUT manifest {repo}:{reference}")
        answered = response.headers.get("docker-content-digest")
        if answered != digest:
            raise PushError(f"registry stored {repo}:{reference} as {answered}, expected {digest}")


def push_image(
    target: PushClient | Endpoint,
    repository: str,
    content: ImageContent,
    tags: Iterable[str] = ("latest",),
) -> ImageDescription:
    """Push blobs, then child manifests by digest, then the top manifest under each tag (by digest if none)."""
    if isinstance(target, PushClient):
        return _push(target, repository, content, tuple(tags))
    with PushClient(target.url, credentials=target.credentials, verify=getattr(target, "verify", True)) as client:
        return _push(client, repository, content, tuple(tags))


def _push(client: PushClient, repo: str, content: ImageContent, tags: tuple[str, ...]) -> ImageDescription:
    for blob in content.blobs:
        client.put_blob(repo, blob)
    for manifest in content.manifests[:-1]:
        client.put_manifest(repo, manifest.digest, manifest.body, manifest.media_type, manifest.digest)
    top = content.top
    for reference in tags or (top.digest,):
        client.put_manifest(repo, reference, top.body, top.media_type, top.digest)
    return ImageDescription(
        registry=client.host,
        repository=repo,
        tags=tags,
        digest=content.digest,
        media_type=content.media_type,
        manifests=content.manifests,
        blobs=tuple(BlobInfo(b.digest, b.size) for b in content.blobs),
    )
