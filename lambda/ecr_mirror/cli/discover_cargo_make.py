"""cargo-make task files known by the `Makefile.toml` that extends them, not by their name.

cargo-make reads the files a task file's `extend` names as part of it (choose/discovery/cargo_make.py), each path
from the extending file's directory: a file found so is read as a script of the tree (its tasks' shell scripts,
cli/discover_scripts.py), and its own `extend` is followed in turn. A missing file (`optional = true`) is no error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.cargo_make import extended
from ecr_mirror.cli.discover_walk import Walk

Read = Callable[..., str | None]
TOP_NAME = "makefile.toml"  # the file cargo-make reads by default


def with_extended_task_files(walk: Walk, read: Read) -> Walk:
    """`walk` with the task files its `Makefile.toml` files extend, of any name, among its scripts."""
    at = {path.absolute() for _, path in walk.scripts}
    pending = [(shown, path) for shown, path in walk.scripts if path.name.lower() == TOP_NAME]
    while pending:
        shown, path = pending.pop(0)
        text = read(shown, path, quiet_missing=True)
        for name in extended(text) if text and "extend" in text else ():
            found = Path(os.path.normpath(path.parent / name))
            if found.absolute() in at or not found.is_file() or found.suffix.lower() != ".toml":
                continue
            at.add(found.absolute())
            walk.scripts.append((str(found), found))
            pending.append((str(found), found))
    return walk
