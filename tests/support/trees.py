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
    return _records(capsys, args)


def tree_records(tree: dict[str, str], root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """`tree` written under `root` (the test's working directory already), then `ecr-mirror discover . --json`: its
    records, the command's success asserted."""
    write_tree(root, tree)
    return _records(capsys, ())


def tree_rows(
    tree: dict[str, str], root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[tuple[Any, ...]]:
    """`tree` written under `root`, then `ecr-mirror discover . --json` run there: (file, line, kind, use, reference,
    status) of each record, the command's success asserted."""
    monkeypatch.chdir(root)
    write_tree(root, tree)
    fields = ("file", "line", "kind", "use", "reference", "status")
    return [tuple(record[name] for name in fields) for record in _records(capsys, ())]


def _records(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> list[dict[str, Any]]:
    code = main(["discover", ".", "--json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    records: list[dict[str, Any]] = json.loads(out)
    return records
