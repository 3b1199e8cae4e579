"""The images JavaScript/TypeScript files give their project's own container helpers, across files
(choose/discovery/js_container_helpers.py): a helper defined in one file (`internal/e2e/src/tenv.ts`) and called in
others (the e2e tests)."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.js_container_helpers import defined_names, helper_calls
from ecr_mirror.choose.discovery.testcontainers_languages import LANGUAGES
from ecr_mirror.cli.discover_small_files import small_bytes

_SCRIPTS = ("JavaScript", "TypeScript")
USE = "container helper image"


def js_helper_pulls(sources: list[tuple[str, Path]]) -> list[Found]:
    """The images the JavaScript/TypeScript sources give the container helpers any of them defines."""
    texts: dict[str, tuple[str, set[str]]] = {}  # name shown -> (text, the functions of its own that pull nothing)
    helpers: set[str] = set()
    for shown, path in sources:
        if LANGUAGES.get(Path(shown).suffix) in _SCRIPTS and (data := small_bytes(path)) and b"image" in data:
            text = data.decode("utf-8", errors="replace")
            pulling, own = defined_names(text)
            helpers |= pulling
            texts[shown] = (text, own)
    found: list[Found] = []
    for shown, (text, own) in texts.items() if helpers else ():
        kind = f"{LANGUAGES[Path(shown).suffix]} source"
        found += [Found(image, shown, line, use=USE, kind=kind) for line, image in helper_calls(text, helpers - own)]
    return found
