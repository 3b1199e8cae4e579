"""The images JavaScript/TypeScript files give their project's own container helpers, across files
(choose/discovery/js_container_helpers.py): a helper defined in one file (`internal/e2e/src/tenv.ts`) and called in
others (the e2e tests)."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.js_container_helpers import helper_calls, helper_names, own_names
from ecr_mirror.cli.discover_small_files import small_bytes

_SUFFIXES = {".js": "JavaScript source", ".mjs": "JavaScript source", ".cjs": "JavaScript source"}
_SUFFIXES |= {".ts": "TypeScript source", ".mts": "TypeScript source", ".cts": "TypeScript source"}
USE = "container helper image"


def js_helper_pulls(sources: list[tuple[str, Path]]) -> list[Found]:
    """The images the JavaScript/TypeScript sources give the container helpers any of them defines."""
    texts: dict[str, str] = {}
    for shown, path in sources:
        if Path(shown).suffix in _SUFFIXES and (data := small_bytes(path)) is not None and b"image" in data:
            texts[shown] = data.decode("utf-8", errors="replace")
    helpers = set().union(*(helper_names(text) for text in texts.values())) if texts else set()
    found: list[Found] = []
    for shown, text in texts.items() if helpers else ():
        for line, image in helper_calls(text, helpers - own_names(text)):
            found.append(Found(image, shown, line, use=USE, kind=_SUFFIXES[Path(shown).suffix]))
    return found
