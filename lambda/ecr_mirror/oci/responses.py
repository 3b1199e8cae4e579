"""Reading a registry's answers: errors with the spec's codes, rate-limit headers, size-capped bodies, manifest
media types, and blob streams verified as they pass."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Callable

import httpx

from ecr_mirror.errors import AuthError, IncompleteBlobError, IntegrityError, RegistryError, UnsupportedError
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.bodies import read_limited
from ecr_mirror.oci.manifest import load_json
from ecr_mirror.oci.transport import retry_after_seconds


def parse_ratelimit(value: str | None) -> int | None:
    """`ratelimit-remaining: 76;w=21600` -> 76."""
    if not value:
        return None
    head = value.split(";", 1)[0].strip()
    return int(head) if head.isdigit() else None


def registry_error(response: httpx.Response, what: str, content: bytes | None = None) -> RegistryError:
    """A RegistryError carrying the status and the spec's error codes, with the registry's own message.

    `content` is the body of a streamed answer (see bodies.error_body); an answer read by the transport has its own.
    """
    codes: list[str] = []
    messages: list[str] = []
    if content is None:
        try:
            content = response.content
        except httpx.ResponseNotRead:
            content = b""
    try:
        body = json.loads(content) if content else {}
    except (ValueError, RecursionError):  # an error's body only explains it: unreadable, the status still speaks
        body = {}
    if isinstance(body, dict):
        for err in body.get("errors") or []:
            if isinstance(err, dict):
                if err.get("code"):  # an entry without one adds nothing to the codes ("/DENIED" before)
                    codes.append(str(err["code"]))
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


async def read_capped(response: httpx.Response, limit: int, what: str) -> bytes:
    """A streamed body read whole, at most `limit` bytes (decoded); more fails with UnsupportedError."""
    try:
        return await read_limited(response, limit, what)
    except httpx.TransportError as exc:
        raise RegistryError(f"{what}: the answer broke off: {type(exc).__name__}: {exc}") from exc


def sniff_media_type(data: bytes, declared: str, what: str) -> str:
    """Some registries answer application/json; the manifest's own mediaType field then decides."""
    doc = load_json(data, f"{what} (Content-Type {declared!r})")
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
