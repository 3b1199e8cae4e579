"""Small file trees written for a test (discover's inputs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main


def write_tree(root: Path, tree: dict[str, str]) -> None:
    """Write each relative path of `tree` under `root` with its text, making the directories on the way."""
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def discover_records(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> list[dict[str, Any]]:
    """`ecr-mirror discover . --json [args]` run in `root`: its records, the command's success asserted."""
    monkeypatch.chdir(root)
    code = main(["discover", ".", "--json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    records: list[dict[str, Any]] = json.loads(out)
    return records
