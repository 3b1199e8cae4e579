"""Deterministic test bytes: pseudo-random streams, small tar.gz layers, and huge layers streamed in constant memory.

Everything is a pure function of a seed, so the same seed gives the same digests on every run.
Pseudo-random bytes come from AES-256-CTR over zeros (several GB/s), which makes multi-GiB layers cheap.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

CHUNK = 1 << 20
TAR_BLOCK = 512
_ZEROS = bytes(CHUNK)


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def pseudo_random_chunks(seed: str, size: int, chunk_size: int = CHUNK) -> Iterator[bytes]:
    """Yield `size` deterministic pseudo-random bytes in chunks of at most `chunk_size`."""
    if size < 0:
        raise ValueError(f"size must be >= 0, got {size}")
    key = hashlib.sha256(seed.encode()).digest()
    encryptor = Cipher(algorithms.AES(key), modes.CTR(bytes(16))).encryptor()
    zeros = _ZEROS if chunk_size == CHUNK else bytes(chunk_size)
    left = size
    while left > 0:
        n = min(left, chunk_size)
        yield encryptor.update(zeros if n == chunk_size else bytes(n))
        left -= n


def pseudo_random_bytes(seed: str, size: int) -> bytes:
    return b"".join(pseudo_random_chunks(seed, size))


def _tar_header(name: str, size: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o644
    info.mtime = 0
    info.uname = info.gname = "root"
    return info.tobuf(format=tarfile.PAX_FORMAT)


def tar_gz_layer(seed: str, size: int, name: str | None = None) -> tuple[bytes, str]:
    """A real gzip'd tar holding one file of `size` pseudo-random bytes. Returns (blob, diff_id).

    The blob is a little larger than `size` (tar headers, gzip cannot shrink random data).
    """
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo(name or f"lab/{hashlib.sha256(seed.encode()).hexdigest()[:16]}.bin")
        info.size = size
        info.mtime = 0
        info.uname = info.gname = "root"
        tar.addfile(info, io.BytesIO(pseudo_random_bytes(seed, size)))
    raw = buf.getvalue()
    return gzip.compress(raw, compresslevel=1, mtime=0), sha256_digest(raw)


@dataclass(frozen=True)
class StreamedBlob:
    """A blob too large to hold: `open()` regenerates its bytes, chunk by chunk, as often as needed."""

    digest: str
    size: int
    open: Callable[[], Iterator[bytes]]


def _tar_stream(seed: str, size: int) -> Iterator[bytes]:
    header, data_size = _fit_tar(size)
    yield header
    yield from pseudo_random_chunks(seed, data_size)
    yield bytes(2 * TAR_BLOCK)


def _fit_tar(size: int) -> tuple[bytes, int]:
    """The header and file size that make a one-file tar exactly `size` bytes long."""
    data_size = size - 3 * TAR_BLOCK
    for _ in range(4):  # the PAX header grows for files >= 8 GiB; settle in a few steps
        header = _tar_header("lab/large.bin", data_size)
        fitted = size - len(header) - 2 * TAR_BLOCK
        if fitted == data_size:
            return header, data_size
        data_size = fitted
    raise ValueError(f"cannot fit a tar archive into {size} bytes")


def _digest_of(chunks: Iterator[bytes]) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(chunk)
    return "sha256:" + h.hexdigest()


_DIGEST_MEMO: dict[tuple[str, int, bool], str] = {}


def large_layer(seed: str, size: int) -> StreamedBlob:
    """A layer of exactly `size` bytes, hashed in one streaming pass and regenerated for each upload.

    When `size` is a multiple of 512 (and >= 2 KiB) it is a valid uncompressed tar holding one file, so its
    digest is also its diff_id; otherwise it is plain pseudo-random bytes. Memory use is one 1 MiB chunk.
    """
    as_tar = size % TAR_BLOCK == 0 and size >= 4 * TAR_BLOCK

    def open_stream() -> Iterator[bytes]:
        return _tar_stream(seed, size) if as_tar else pseudo_random_chunks(seed, size)

    key = (seed, size, as_tar)
    if key not in _DIGEST_MEMO:
        _DIGEST_MEMO[key] = _digest_of(open_stream())
    return StreamedBlob(digest=_DIGEST_MEMO[key], size=size, open=open_stream)
