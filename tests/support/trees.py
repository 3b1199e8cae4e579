"""Small file trees written for a test (discover's inputs)."""

from __future__ import annotations

from pathlib import Path


def write_tree(root: Path, tree: dict[str, str]) -> None:
    """Write each relative path of `tree` under `root` with its text, making the directories on the way."""
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
