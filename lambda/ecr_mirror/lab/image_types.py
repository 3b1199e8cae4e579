"""The lab's image content types: blobs, layers, manifests as exact bytes, and what a push left where."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.lab.content import StreamedBlob, sha256_digest


@dataclass(frozen=True)
class Blob:
    """A blob held in memory."""

    digest: str
    size: int
    data: bytes

    @classmethod
    def of(cls, data: bytes) -> Blob:
        return cls(sha256_digest(data), len(data), data)


@dataclass(frozen=True)
class Layer:
    """A layer blob and its uncompressed digest (the config's rootfs diff_id)."""

    blob: Blob | StreamedBlob
    diff_id: str


@dataclass(frozen=True)
class Manifest:
    """A manifest exactly as it will be pushed."""

    media_type: str
    body: bytes
    digest: str
    platform: str | None = None  # "os/arch[/variant]" from the parent index, if any

    @property
    def size(self) -> int:
        return len(self.body)

    def json(self) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(self.body)
        return doc


@dataclass(frozen=True)
class ImageContent:
    """Everything one image (or index) consists of. `manifests` lists children before parents; last is the top."""

    manifests: tuple[Manifest, ...]
    blobs: tuple[Blob | StreamedBlob, ...]

    @property
    def top(self) -> Manifest:
        return self.manifests[-1]

    @property
    def digest(self) -> str:
        return self.top.digest

    @property
    def media_type(self) -> str:
        return self.top.media_type


@dataclass(frozen=True)
class BlobInfo:
    digest: str
    size: int


@dataclass(frozen=True)
class ImageDescription:
    """What was pushed, where: the top manifest, every manifest and every distinct blob."""

    registry: str  # host:port
    repository: str
    tags: tuple[str, ...]
    digest: str
    media_type: str
    manifests: tuple[Manifest, ...]  # children first, the top manifest last
    blobs: tuple[BlobInfo, ...]
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def manifest_digests(self) -> list[str]:
        return [m.digest for m in self.manifests]

    @property
    def blob_digests(self) -> list[str]:
        return [b.digest for b in self.blobs]

    @property
    def blob_bytes(self) -> int:
        return sum(b.size for b in self.blobs)

    @property
    def reference(self) -> str:
        """host/repository:tag (first tag) or host/repository@digest."""
        if self.tags:
            return f"{self.registry}/{self.repository}:{self.tags[0]}"
        return self.by_digest

    @property
    def by_digest(self) -> str:
        return f"{self.registry}/{self.repository}@{self.digest}"
