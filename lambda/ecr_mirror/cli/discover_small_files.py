"""The one size limit of the program sources and configuration files discover opens to read whole (I/O).

A source larger than MAX_SOURCE_BYTES (generated code, a bundle, a data dump) is not opened: no hand-written test or
configuration that starts a container is that large, and reading such files would cost time and memory for nothing.
A YAML file that declares what it is (a test tool's `apiVersion` and `kind`) is read that far too (`declared_yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from ecr_mirror.choose.yaml_errors import READ_ERRORS

MAX_SOURCE_BYTES = 1024 * 1024


def small_bytes(path: Path) -> bytes | None:
    """The file's bytes when it is at most MAX_SOURCE_BYTES, its Windows line endings (CRLF) as LF, as Python
    reads text (`small_text`): the readers' patterns end a statement at a line's end (`$`), which a `\r` before the
    `\n` would hide (a .NET project's `private const string Image = "...";\r\n`); lines keep their numbers. None
    when larger or unreadable."""
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_SOURCE_BYTES else None
    except OSError:
        return None
    return data.replace(b"\r\n", b"\n") if data is not None and b"\r\n" in data else data


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


def declared_yaml(
    path: Path, declaration: re.Pattern[bytes], kind: str, *, within: int = MAX_SOURCE_BYTES, named: bool = False
) -> tuple[dict[str, object], bool] | None:
    """The YAML mapping the first MAX_SOURCE_BYTES of `path` hold when it declares itself, `declaration` (its
    `apiVersion` line) in its first `within` bytes and `kind: KIND`, and whether it did: a file `named` for what it
    is (by its name) is read without the declaration too, and may then leave its `kind` out. None otherwise, and for
    a file unreadable, not YAML, or no mapping."""
    try:
        with path.open("rb") as handle:
            head = handle.read(within)  # where the file declares itself: other YAML is not read whole
            declared = declaration.search(head) is not None
            if not declared and not named:
                return None
            head += handle.read(MAX_SOURCE_BYTES - within)
        loaded = yaml.safe_load(head)
    except READ_ERRORS:
        return None
    if not isinstance(loaded, dict) or loaded.get("kind", None if declared else kind) != kind:
        return None
    return loaded, declared


def line_reader(sources: Iterable[tuple[str, Path]]) -> Callable[[str, int], str]:
    """The text of a line of one of `sources` ((name shown, path); empty when it cannot be read), each file read
    once."""
    paths = dict(sources)
    texts: dict[str, list[str]] = {}

    def line_text(shown: str, line: int) -> str:
        if shown not in texts:
            data = small_bytes(paths[shown]) if shown in paths else None
            texts[shown] = data.decode("utf-8-sig", errors="replace").splitlines() if data is not None else []
        return texts[shown][line - 1] if 0 < line <= len(texts[shown]) else ""

    return line_text
