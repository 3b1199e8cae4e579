"""The one size limit of the program sources and configuration files discover opens to read whole (I/O).

A source larger than MAX_SOURCE_BYTES (generated code, a bundle, a data dump) is not opened: no hand-written test or
configuration that starts a container is that large, and reading such files would cost time and memory for nothing.
"""

from __future__ import annotations

from pathlib import Path

MAX_SOURCE_BYTES = 1024 * 1024


def small_bytes(path: Path) -> bytes | None:
    """The file's bytes when it is at most MAX_SOURCE_BYTES; None when larger or unreadable."""
    try:
        return path.read_bytes() if path.stat().st_size <= MAX_SOURCE_BYTES else None
    except OSError:
        return None


def head_bytes(path: Path) -> bytes | None:
    """The first MAX_SOURCE_BYTES of the file, for a check that a larger file's head decides; None when
    unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_SOURCE_BYTES)
    except OSError:
        return None


def small_text(path: Path) -> str | None:
    """The file's text (undecodable bytes replaced, newlines as Python reads text) when it is at most
    MAX_SOURCE_BYTES; None when larger or unreadable."""
    try:
        return path.read_text(errors="replace") if path.stat().st_size <= MAX_SOURCE_BYTES else None
    except OSError:
        return None
