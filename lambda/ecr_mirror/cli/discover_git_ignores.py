"""The `.gitignore` files a walk obeys, and the files git tracks though one ignores them (cli/discover_walk.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ecr_mirror.choose.discovery.ignore import Pattern, parse_patterns

MAX_IGNORE_BYTES = 1024 * 1024


def read_ignore(path: Path) -> tuple[Pattern, ...]:
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_IGNORE_BYTES).decode("utf-8", "replace")
    except OSError:
        return ()
    return tuple(parse_patterns(text))


def repository_ignores(root: Path) -> tuple[tuple[Path, tuple[Pattern, ...]], ...]:
    """The .gitignore files above `root` up to its repository's top (the directory holding `.git`)."""
    above: list[tuple[Path, tuple[Pattern, ...]]] = []
    for directory in root.parents:
        if patterns := read_ignore(directory / ".gitignore"):
            above.append((directory, patterns))
        if (directory / ".git").exists():
            return tuple(reversed(above))
    return ()


# core.fsmonitor off: a repository's own config must not make a read-only listing run a hook program of its choice
_GIT_LISTING = ["git", "-c", "core.fsmonitor=false"]


def tracked_though_ignored(root: Path) -> frozenset[Path]:
    """The files under `root` that its git repository tracks although a `.gitignore` pattern matches them (git
    ignores untracked files only); empty when `root` is not in a checkout or git cannot say."""
    top = next((directory for directory in (root, *root.parents) if (directory / ".git").exists()), None)
    if top is None:
        return frozenset()
    try:
        listed = subprocess.run(  # noqa: S603 - fixed arguments; git from PATH, as the user runs it
            [*_GIT_LISTING, "-C", str(top), "ls-files", "-z", "--cached", "--ignored", "--exclude-standard"],
            capture_output=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(top / name for name in listed.decode("utf-8", "surrogateescape").split("\0") if name)
