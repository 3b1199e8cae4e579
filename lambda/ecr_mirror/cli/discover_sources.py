"""The images a tree's tests start with Testcontainers: its Go, Java, Kotlin, Python, JavaScript/TypeScript and C#
sources, each opened only to look for the bytes `testcontainers` (`Testcontainers` in C#) and decoded only when they
are there; the parsing is choose/discovery/testcontainers.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.testcontainers import mentions_testcontainers, started_images

MAX_SOURCE_BYTES = 1024 * 1024  # a larger source (generated code, a bundle) is not opened


def _bytes(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def testcontainers_pulls(sources: Iterable[tuple[str, Path]], warn: Callable[[str], None]) -> list[Found]:
    """The literal Testcontainers images of `sources` ((name shown, path)); a file that mentions Testcontainers but
    is not UTF-8 is a warning naming it."""
    found: list[Found] = []
    for shown, path in sources:
        data = _bytes(path)
        if data is None or not mentions_testcontainers(data):
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            warn(f"{shown}: not UTF-8 text; skipped")
            continue
        found += started_images(text, shown)
    return found
