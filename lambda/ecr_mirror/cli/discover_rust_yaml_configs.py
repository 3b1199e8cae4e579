"""The images of the YAML file a tree's own Rust tool reads and hands docker (I/O).

The pure reading is choose/discovery/rust_yaml_configs.py. The evidence, all of it in one crate of the tree (the
directory of the nearest `Cargo.toml` above a source): a source that builds a docker command (`Command::new("docker")`
given `pull`, `run` or `create`) and passes it a field whose name holds `image`; a struct of the crate deriving
Deserialize with that field; and a YAML file the crate's sources name by a string literal, found in the crate's
directory or a directory above it within the tree (a workspace member's tool run from the workspace's top). The values
of the field's key there that are image references are pulled, at their lines (RisingWave's `src/risedevtool` crate
reads `risedev.yml` at the tree's top). Sources under a `tests` or `benches` directory are not read (a test's
fixture is not the tool's input).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_yaml_configs import config_images
from ecr_mirror.choose.discovery.rust_yaml_configs import KIND, deserialized_keys, named_yaml, pulled_fields
from ecr_mirror.cli.discover_small_files import small_text

_NOT_PROGRAM = frozenset({"tests", "benches"})


def _crate(shown: str, path: Path, top: Path, known: dict[Path, Path | None]) -> tuple[Path, str] | None:
    """The directory of the nearest `Cargo.toml` above `path` within `top`, with the name it is shown by (`known`:
    each directory's crate found so far)."""
    for directory, named in zip(path.parents, Path(shown).parents, strict=False):
        if directory not in known:
            known[directory] = directory if (directory / "Cargo.toml").is_file() else None
        if known[directory] is not None:
            return directory, str(named)
        if directory == top:
            return None
    return None


def _top(path: Path, tops: list[Path]) -> Path:
    return next((top for top in tops if top == path or top in path.parents), Path(path.anchor))


def rust_yaml_config_pulls(sources: Iterable[tuple[str, Path]], tops: list[str]) -> list[Found]:
    """The images of the YAML files the tree's Rust tools read and pull (see the module's docstring); each file once."""
    given = [Path(top).absolute() for top in tops]
    rust = [(shown, path.absolute()) for shown, path in sources if shown.endswith(".rs")]
    rust = [(shown, path) for shown, path in rust if not _NOT_PROGRAM & set(path.parts)]
    crates: dict[Path, list[Path]] = {}
    named: dict[Path, str] = {}  # the name each crate's directory is shown by
    known: dict[Path, Path | None] = {}
    for shown, path in rust:
        if (located := _crate(shown, path, _top(path, given), known)) is not None:
            crates.setdefault(located[0], []).append(path)
            named[located[0]] = located[1]
    images: list[Found] = []
    seen: set[Path] = set()
    for crate, paths in crates.items():
        all_texts = [text for path in paths if (text := small_text(path)) is not None]
        fields = set().union(*(pulled_fields(text) for text in all_texts if "Command::new" in text))
        if not fields:
            continue
        keys = set().union(*(deserialized_keys(text, fields) for text in all_texts))
        names = set().union(*(named_yaml(text) for text in all_texts)) if keys else set()
        top = _top(crate, given)
        for name in sorted(names):
            above = [parent for parent in crate.parents if top == parent or top in parent.parents]
            for up, directory in enumerate([crate, *above]):
                path = Path(os.path.normpath(directory / name))
                if path in seen or (config := small_text(path)) is None:
                    continue
                seen.add(path)
                shown = os.path.normpath(os.path.join(named[crate], *[".."] * up, name))
                use = f"image (read by the Rust tool of {os.path.join(named[crate], 'Cargo.toml')})"
                images += [dataclasses.replace(item, kind=KIND) for item in config_images(config, keys, shown, use)]
                break
    return images
