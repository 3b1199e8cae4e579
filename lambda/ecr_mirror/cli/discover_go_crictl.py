"""The images Go code has a node's container runtime pull with crictl (choose/discovery/go_crictl_pulls.py): the Go
files that name crictl are read for its pulls and for the functions that run it with their arguments, and then
every Go file that calls one of those functions by name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_crictl_pulls import crictl_pulls, crictl_wrappers


def go_crictl_pulls(
    go_sources: Iterable[tuple[str, Path]], naming: set[Path], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images the tree's Go files (`naming`: those whose bytes name crictl) have crictl pull."""
    go_sources = list(go_sources) if naming else []
    texts: dict[Path, str] = {}
    for _, path in go_sources:
        if path in naming and (data := read(path)) is not None:
            texts[path] = data.decode("utf-8-sig", errors="replace")
    wrappers = frozenset(name for text in texts.values() for name in crictl_wrappers(text))
    marks = [f"{name}(".encode() for name in wrappers]
    found: dict[Found, None] = {}  # in order, each once
    for shown, path in go_sources:
        if path not in texts and marks and (data := read(path)) is not None and any(mark in data for mark in marks):
            texts[path] = data.decode("utf-8-sig", errors="replace")
        if path in texts:
            found.update(dict.fromkeys(crictl_pulls(texts[path], shown, wrappers)))
    return list(found)
