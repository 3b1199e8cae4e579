"""The images a tree's Rust sources start with Testcontainers for Rust (choose/discovery/rust_testcontainers.py).

A Rust source is read when it is tied to the library: its crate, the package of the nearest `Cargo.toml` above it
(in the tree), is the library itself (`[package] name = "testcontainers"`, whose own sources and tests write
`crate::GenericImage`) or depends on it (`testcontainers` or `testcontainers-modules` among its `dependencies`,
`dev-dependencies` or a `target.*` table's, also renamed with `package = "testcontainers"`,
https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html), or the file itself names a path of it
(`use testcontainers::...`). Only a file holding one of the reader's marks (`GenericImage`, `Image for`,
`pull_image`) is decoded. Another crate's `Image` trait is not the library's: its impls are not read. A type of a source
that uses bollard and pulls the image and tag its `new` stores (choose/discovery/rust_wrappers.py) is read where a
source imports it from its module (`docker::Container`: the file's stem, or its directory's name for `mod.rs`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.rust_program_images import MARK as PROGRAM_MARK
from ecr_mirror.choose.discovery.rust_program_images import program_image_constants
from ecr_mirror.choose.discovery.rust_test_objects import BOLLARD_RE, OBJECT_MARK, bollard_pulls, e2e_object_images
from ecr_mirror.choose.discovery.rust_testcontainers import MARKS, testcontainers_builds, testcontainers_images
from ecr_mirror.choose.discovery.rust_wrappers import pulling_types, wrapper_calls
from ecr_mirror.cli.discover_rust_program_images import used_elsewhere

_LIBRARY = frozenset({"testcontainers", "testcontainers-modules"})
_PATH_RE = re.compile(rb"\btestcontainers(?:_modules)?::")
_TABLES = ("dependencies", "dev-dependencies", "build-dependencies")
# a crate of end-to-end tests, by its package's name: `linkerd-policy-test`, `k8s-e2e-tests`, `integration-tests`
_E2E_RE = re.compile(r"(?:^|[-_])(?:e2e|tests?|integration)(?:$|[-_])")


def _e2e(manifest: dict[str, Any]) -> bool:
    """Whether a parsed `Cargo.toml` is a package of end-to-end tests, by its name."""
    package = manifest.get("package")
    name = package.get("name") if isinstance(package, dict) else None
    return isinstance(name, str) and _E2E_RE.search(name) is not None


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
    """Each directory's crate: the parsed nearest `Cargo.toml` above it, up to the tree's top ({} for none or one
    that cannot be read)."""

    def __init__(self) -> None:
        self._known: dict[Path, dict[str, Any]] = {}

    def of(self, shown: str, path: Path) -> dict[str, Any]:
        depth = len(PurePosixPath(shown).parents)  # the directories above the file, the tree's top the last
        seen: list[Path] = []
        answer: dict[str, Any] = {}
        for directory in list(path.parents)[:depth]:
            if directory in self._known:
                answer = self._known[directory]
                break
            seen.append(directory)
            if (manifest := directory / "Cargo.toml").is_file():
                answer = _manifest(manifest)
                break
        for directory in seen:
            self._known[directory] = answer
        return answer


def _manifest(manifest: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def rust_pulls(
    sources: Iterable[tuple[str, Path]],
    read: Callable[[Path], bytes | None],
    warn: Callable[[str], None],
    builds: list[LocalBuild] | None = None,
) -> list[Found]:
    """The Testcontainers images of the tied Rust files among `sources` ((name shown, path)), the images end-to-end
    test crates give Kubernetes containers and those bollard pulls (choose/discovery/rust_test_objects.py), the
    image constants of a program's own code (choose/discovery/rust_program_images.py, in files neither tied nor of
    such a crate); the images they build (`GenericBuildableImage`) are added to `builds`."""
    crates = _Crates()
    found: list[Found] = []
    sources = list(sources)
    wrappers: dict[bytes, dict[str, tuple[int, int]]] = {}  # `module::Type` -> the module's pulling types
    pending: list[tuple[str, Found]] = []  # a program's `pub` image constants its file does not use
    for shown, path in sources:
        if not shown.endswith(".rs") or (data := read(path)) is None:
            continue
        marked = any(mark in data for mark in MARKS)
        tied = marked and (_PATH_RE.search(data) is not None or _depends(crates.of(shown, path)))
        e2e = OBJECT_MARK in data and _e2e(crates.of(shown, path))
        bollard = BOLLARD_RE.search(data) is not None and b"from_image" in data
        program = PROGRAM_MARK in data and not tied and not _e2e(crates.of(shown, path))
        if not (tied or e2e or bollard or program):
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            warn(f"{shown}: not UTF-8 text; skipped")
            continue
        found += testcontainers_images(text, shown) if tied else []
        found += e2e_object_images(text, shown) if e2e else []
        found += bollard_pulls(text, shown) if bollard else []
        if program:
            used, unused = program_image_constants(text, shown)
            found += used
            pending += unused
        for kind, places in (pulling_types(text) if bollard else {}).items():
            wrappers.setdefault(f"{_module(shown)}::{kind}".encode(), {})[kind] = places
        if tied and builds is not None:
            builds += testcontainers_builds(text, shown)
    return found + used_elsewhere(pending, sources, read) + _wrapper_pulls(sources, wrappers, read)


def _module(shown: str) -> str:
    """The name a Rust source's module goes by: its file's stem, or its directory's for a `mod.rs`."""
    path = PurePosixPath(shown)
    return path.parent.name if path.name == "mod.rs" else path.stem


def _wrapper_pulls(
    sources: list[tuple[str, Path]],
    wrappers: dict[bytes, dict[str, tuple[int, int]]],
    read: Callable[[Path], bytes | None],
) -> list[Found]:
    """The images the Rust sources that import a pulling type from its module (`docker::Container`) give it."""
    found: list[Found] = []
    for shown, path in sources if wrappers else []:
        if not shown.endswith(".rs") or (data := read(path)) is None:
            continue
        types = {kind: places for mark, known in wrappers.items() if mark in data for kind, places in known.items()}
        if types:
            found += wrapper_calls(data.decode("utf-8-sig", errors="replace"), shown, types)
    return found


def rust_apart(
    sources: list[tuple[str, Path]],
    read: Callable[[Path], bytes | None],
    warn: Callable[[str], None],
    builds: list[LocalBuild] | None,
) -> tuple[list[tuple[str, Path]], list[Found]]:
    """The sources other than Rust's, and the Testcontainers images of the Rust ones, which no other reader of
    sources reads."""
    found = rust_pulls(sources, read, warn, builds)
    return [(shown, path) for shown, path in sources if not shown.endswith(".rs")], found
