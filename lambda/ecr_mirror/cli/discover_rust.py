"""The images a tree's Rust sources start with Testcontainers for Rust (choose/discovery/rust_testcontainers.py).

A Rust source is read when it is tied to the library: its crate, the package of the nearest `Cargo.toml` above it
(in the tree), is the library itself (`[package] name = "testcontainers"`, whose own sources and tests write
`crate::GenericImage`) or depends on it (`testcontainers` or `testcontainers-modules` among its `dependencies`,
`dev-dependencies` or a `target.*` table's, also renamed with `package = "testcontainers"`,
https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html), or the file itself names a path of it
(`use testcontainers::...`). Only a file holding one of the reader's marks (`GenericImage`, `Image for`,
`pull_image`) is decoded. Another crate's `Image` trait is not the library's: its impls are not read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.rust_testcontainers import MARKS, testcontainers_builds, testcontainers_images

_LIBRARY = frozenset({"testcontainers", "testcontainers-modules"})
_PATH_RE = re.compile(rb"\btestcontainers(?:_modules)?::")
_TABLES = ("dependencies", "dev-dependencies", "build-dependencies")


def _depends(manifest: dict[str, Any]) -> bool:
    """Whether a parsed `Cargo.toml` is the library's package or depends on it (in any dependency table)."""
    package = manifest.get("package")
    if isinstance(package, dict) and package.get("name") == "testcontainers":
        return True
    tables = [manifest.get(name) for name in _TABLES]
    targets = manifest.get("target")
    if isinstance(targets, dict):
        tables += [target.get(name) for target in targets.values() if isinstance(target, dict) for name in _TABLES]
    for table in tables:
        if not isinstance(table, dict):
            continue
        for key, spec in table.items():
            renamed = spec.get("package") if isinstance(spec, dict) else None
            if key in _LIBRARY or renamed in _LIBRARY:
                return True
    return False


class _Crates:
    """Whether each directory's crate (its nearest `Cargo.toml`, up to the tree's top) is tied to the library."""

    def __init__(self) -> None:
        self._known: dict[Path, bool] = {}

    def tied(self, shown: str, path: Path) -> bool:
        depth = len(PurePosixPath(shown).parents)  # the directories above the file, the tree's top the last
        seen: list[Path] = []
        answer = False
        for directory in list(path.parents)[:depth]:
            if directory in self._known:
                answer = self._known[directory]
                break
            seen.append(directory)
            if (manifest := directory / "Cargo.toml").is_file():
                answer = _manifest_depends(manifest)
                break
        for directory in seen:
            self._known[directory] = answer
        return answer


def _manifest_depends(manifest: Path) -> bool:
    try:
        return _depends(tomllib.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def rust_pulls(
    sources: Iterable[tuple[str, Path]],
    read: Callable[[Path], bytes | None],
    warn: Callable[[str], None],
    builds: list[LocalBuild] | None = None,
) -> list[Found]:
    """The Testcontainers images of the tied Rust files among `sources` ((name shown, path)); the images they build
    (`GenericBuildableImage`) are added to `builds`."""
    crates = _Crates()
    found: list[Found] = []
    for shown, path in sources:
        if not shown.endswith(".rs") or (data := read(path)) is None or not any(mark in data for mark in MARKS):
            continue
        if _PATH_RE.search(data) is None and not crates.tied(shown, path):
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            warn(f"{shown}: not UTF-8 text; skipped")
            continue
        found += testcontainers_images(text, shown)
        if builds is not None:
            builds += testcontainers_builds(text, shown)
    return found
